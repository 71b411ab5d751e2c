import type { TenantContext } from '../actor';
import { EngineError } from '../errors';
import type { Engine } from '../runtime/engine';

export const opsUsage = `  pause <instanceId> --reason TEXT          hold its events and tasks until unpaused
  unpause <instanceId> --reason TEXT        apply what it held, in order, and run its tasks again`;

/** The least role each of these commands needs with an API token. */
export const opsCommandRoles = {
  pause: 'operator',
  unpause: 'operator',
} as const;

export interface OpsFlags {
  reason?: string;
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
    default:
      return undefined;
  }
}
