import type { TenantContext } from '../actor';
import { EngineError } from '../errors';
import type { Engine } from '../runtime/engine';
import type { MovePreview } from '../service';
import { jsonOption } from './json-args';

export const opsUsage = `  pause <instanceId> --reason TEXT          hold its events and tasks until unpaused
  unpause <instanceId> --reason TEXT        apply what it held, in order, and run its tasks again
  move <instanceId> (--state S [--via FROM:EVENT] | --back-to SEQ) [--context JSON|@file|-] --reason TEXT [--dry-run]
                                            put it in a state; --dry-run lists the tasks cancelled and created`;

/** The least role each of these commands needs with an API token. */
export const opsCommandRoles = {
  pause: 'operator',
  unpause: 'operator',
  move: 'operator',
} as const;

export interface OpsFlags {
  reason?: string;
  state?: string;
  via?: string;
  context?: string;
  'back-to'?: string;
  'dry-run'?: boolean;
}

/** `--via waiting:APPROVE`: the incoming transition a move enters through. */
function viaFlag(value: string | undefined): { from: string; event: string } | undefined {
  if (value === undefined) return undefined;
  const [from, event, ...rest] = value.split(':');
  if (!from || !event || rest.length) bad(`--via must be FROM:EVENT (a state and an event it accepts), got "${value}"`);
  return { from, event };
}

function describeMove(p: MovePreview, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'would move' : 'moved'} ${p.instanceId}: ${p.from} → ${p.to}${p.via ? ` through ${p.via.from} on ${p.via.event}` : ''}${p.completes ? ' (completes)' : ''}`,
    `  cancel ${p.cancelTasks.length} task(s)${p.cancelTasks.length ? `: ${p.cancelTasks.map((t) => `${t.name} ${t.id} (${t.status})`).join(', ')}` : ''}`,
    `  create ${p.createTasks.length} task(s)${p.createTasks.length ? `: ${p.createTasks.map((t) => `${t.name} (${t.type})`).join(', ')}` : ''}`,
    ...p.contextChanges.map(
      (c) => `  context.${c.path}: ${JSON.stringify(c.before) ?? '—'} → ${JSON.stringify(c.after) ?? '—'}`,
    ),
    ...p.warnings.map((w) => `  warning: ${w}`),
  ];
  return lines.join('\n');
}

function bad(message: string): never {
  throw new EngineError('BAD_INPUT', message);
}

/** Runs one of the operator-modification commands; undefined when `command` is not one of them. */
export async function runOpsCommand(
  engine: Engine,
  ctx: TenantContext,
  command: string,
  positionals: string[],
  flags: OpsFlags,
  print: (human: string, data: unknown) => Promise<void>,
): Promise<number | undefined> {
  const instanceId = () => positionals[0] ?? bad(`missing <instanceId>; usage: ${command} <instanceId> --reason TEXT`);
  const reason = flags.reason ?? '';
  switch (command) {
    case 'pause': {
      const result = await engine.service.pauseInstance(ctx, { instanceId: instanceId(), reason });
      await print(`paused ${result.instanceId} (${result.heldTasks} queued task(s) held)`, result);
      return 0;
    }
    case 'unpause': {
      const result = await engine.service.resumeInstance(ctx, { instanceId: instanceId(), reason });
      await print(
        `resumed ${result.instanceId}: ${result.applied} held event(s) applied, ${result.requeuedTasks} task(s) queued again`,
        result,
      );
      return 0;
    }
    case 'move': {
      const backTo = flags['back-to'] === undefined ? undefined : Number(flags['back-to']);
      if (backTo !== undefined && !(Number.isInteger(backTo) && backTo > 0))
        bad(`--back-to must be the seq of a transition in the timeline, got "${flags['back-to']}"`);
      const context = await jsonOption('context', flags.context);
      const dryRun = flags['dry-run'] === true;
      const input = {
        instanceId: instanceId(),
        // A dry run records nothing, so it needs no reason.
        reason: dryRun && !reason ? 'dry run' : reason,
        ...(flags.state !== undefined ? { state: flags.state } : {}),
        ...(backTo !== undefined ? { backTo } : {}),
        ...(flags.via !== undefined ? { via: viaFlag(flags.via) } : {}),
        ...(context !== undefined ? { context: context as Record<string, unknown> } : {}),
      };
      const result = dryRun
        ? await engine.service.previewMove(ctx, input)
        : await engine.service.moveInstance(ctx, input);
      await print(describeMove(result, dryRun), { dryRun, ...result });
      return 0;
    }
    default:
      return undefined;
  }
}
