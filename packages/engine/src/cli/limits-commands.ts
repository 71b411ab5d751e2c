import type { TenantContext } from '../contracts/actor';
import { bad } from './flag-values';
import type { Engine } from '../runtime/engine';

export const limitsUsage = `  resume <instanceId> [--limit N] [--reason TEXT]   raise the cap of the runaway guard that stopped it (default ×2) and resume
  dead-letters                              events that could not be applied, waiting for an operator
  retry-dead-letter <messageId> [--reason TEXT]
  discard-dead-letter <messageId> --reason TEXT
  tenant-caps [--task N|default] [--orchestrator N|default] [--reads N|default] [--writes N|default] [--reason TEXT]
                                            show or set the tenant's fair-share caps and request rates per minute (local administrator only)`;

/** The least role each of these commands needs with an API token. */
export const limitsCommandRoles = {
  resume: 'operator',
  'dead-letters': 'viewer',
  'retry-dead-letter': 'operator',
  'discard-dead-letter': 'operator',
} as const;

interface LimitsFlags {
  limit?: string;
  reason?: string;
  task?: string;
  orchestrator?: string;
  reads?: string;
  writes?: string;
}

/** `--task 8` sets a cap, `--task default` goes back to the worker's default, no flag leaves it. */
function capFlag(name: string, value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'default') return null;
  const n = Number(value);
  return Number.isInteger(n) && n > 0
    ? n
    : bad(`--${name} must be a positive whole number or "default", got "${value}"`);
}

/** Runs one of the limits-and-isolation commands; undefined when `command` is not one of them. */
export async function runLimitsCommand(
  engine: Engine,
  ctx: TenantContext,
  command: string,
  positionals: string[],
  flags: LimitsFlags,
  print: (human: string, data: unknown) => Promise<void>,
): Promise<number | undefined> {
  const first = () =>
    positionals[0] ?? bad(`missing <${command === 'resume' ? 'instanceId' : 'messageId'}>; see --help`);
  switch (command) {
    case 'resume': {
      const limit = flags.limit === undefined ? undefined : Number(flags.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
        bad(`--limit must be a positive whole number, got "${flags.limit}"`);
      const result = await engine.service.raiseGuardAndResume(ctx, {
        instanceId: first(),
        limit,
        reason: flags.reason,
      });
      await print(
        `raised ${result.guard} from ${result.previousLimit} to ${result.limit} and resumed (${result.redelivered} held event(s) delivered again, ${result.requeuedTasks} parked task(s) queued again)`,
        result,
      );
      return 0;
    }
    case 'dead-letters': {
      const letters = await engine.service.listDeadLetters(ctx, { limit: 200 });
      await print(
        letters.map((d) => `${d.id}  ${d.instanceId}  ${d.event}  ×${d.failures}  ${d.lastError ?? ''}`).join('\n') ||
          '(no dead letters)',
        letters,
      );
      return 0;
    }
    case 'retry-dead-letter': {
      const result = await engine.service.retryDeadLetter(ctx, { messageId: first(), reason: flags.reason });
      await print(`delivering ${result.messageId} again`, result);
      return 0;
    }
    case 'discard-dead-letter': {
      const result = await engine.service.discardDeadLetter(ctx, { messageId: first(), reason: flags.reason ?? '' });
      await print(`discarded ${result.messageId}`, result);
      return 0;
    }
    case 'tenant-caps': {
      const changes = {
        taskConcurrency: capFlag('task', flags.task),
        orchestratorConcurrency: capFlag('orchestrator', flags.orchestrator),
        readsPerMinute: capFlag('reads', flags.reads),
        writesPerMinute: capFlag('writes', flags.writes),
      };
      const caps = Object.values(changes).every((v) => v === undefined)
        ? await engine.service.getTenantConcurrency(ctx)
        : await engine.service.setTenantConcurrency(ctx, { ...changes, reason: flags.reason });
      const show = (n: number | null) => (n === null ? 'default' : String(n));
      await print(
        `tenant ${ctx.tenantId}: task slots ${show(caps.taskConcurrency)}, orchestrator slots ${show(caps.orchestratorConcurrency)}, reads/min ${show(caps.readsPerMinute)}, writes/min ${show(caps.writesPerMinute)}`,
        caps,
      );
      return 0;
    }
    default:
      return undefined;
  }
}
