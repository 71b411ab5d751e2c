import type { TenantContext } from '../contracts/actor';
import type { Engine } from '../runtime/engine';
import type { BatchView, MovePreview } from '../service';
import type { BatchActionInput, BatchCommand } from '../contracts/batches';
import { migrationTaskModes } from '../contracts/instance-moves';
import { filterFromParams, filterParams } from '../search/url-filter';
import { instanceStatuses } from '../contracts/statuses';
import type { InstanceFilter } from '../search';
import { bad, choiceFlag } from './flag-values';
import { jsonOption } from './json-args';

export const opsUsage = `  pause <instanceId> --reason TEXT          hold its events and tasks until unpaused
  unpause <instanceId> --reason TEXT        apply what it held, in order, and run its tasks again
  move <instanceId> (--state S [--via FROM:EVENT] | --back-to SEQ) [--context JSON|@file|-] --reason TEXT [--dry-run]
                                            put it in a state; --dry-run lists the tasks cancelled and created
  migrate-instance <instanceId> --to-version N [--map OLD=NEW]… [--context JSON] [--tasks keep|cancel|recreate] --reason TEXT [--dry-run]
  batch <cancel|retry|send|move|pause|resume|migrate> --where "status=failed&definition=K&error=503" (--dry-run | --yes --reason TEXT)
        [--event E [--payload JSON]] [--state S [--via FROM:EVENT]] [--to-version N [--map OLD=NEW]… [--context JSON] [--tasks …]] [--rate N]
  batches | batch-show <batchId> | batch-pause|batch-resume|batch-abort <batchId> --reason TEXT`;

/** The least role each of these commands needs with an API token. */
export const opsCommandRoles = {
  pause: 'operator',
  unpause: 'operator',
  move: 'operator',
  'migrate-instance': 'operator',
  batch: 'operator',
  batches: 'viewer',
  'batch-show': 'viewer',
  'batch-pause': 'operator',
  'batch-resume': 'operator',
  'batch-abort': 'operator',
} as const;

export interface OpsFlags {
  reason?: string;
  state?: string;
  via?: string;
  context?: string;
  'back-to'?: string;
  'dry-run'?: boolean;
  where?: string;
  event?: string;
  payload?: string;
  'to-version'?: string;
  map?: string[];
  tasks?: string;
  rate?: string;
  yes?: boolean;
}

const BATCH_CONTROL = {
  'batch-pause': 'pause',
  'batch-resume': 'resume',
  'batch-abort': 'abort',
} as const satisfies Record<string, BatchCommand>;

/** `--map review=checking` (repeatable): a removed state and the state it becomes. */
function mapFlag(values: string[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of values ?? []) {
    const [from, to, ...rest] = value.split('=');
    if (!from || !to || rest.length) bad(`--map must be OLD=NEW (a state and the state it becomes), got "${value}"`);
    map[from] = to;
  }
  return map;
}

function wholeFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) bad(`--${flag} must be a positive whole number, got "${value}"`);
  return n;
}

/** `--where` takes the instance list's URL parameters, so a console URL's query pastes straight in. */
function whereFlag(value: string | undefined): InstanceFilter {
  if (value === undefined) bad('missing --where; e.g. --where "status=failed&definition=invoice-sync&error=503"');
  const params = new URLSearchParams(value);
  // A typo must not widen a batch to every instance: unknown parameters and statuses are refused, not dropped.
  for (const key of new Set(params.keys()))
    if (!Object.hasOwn(filterParams, key))
      bad(`--where: unknown parameter "${key}"; expected one of: ${Object.keys(filterParams).join(', ')}`);
  const status = params.get('status');
  if (status !== null && !(instanceStatuses as readonly string[]).includes(status))
    bad(`--where: status "${status}" is not one of: ${instanceStatuses.join(', ')}`);
  const { filter, errors } = filterFromParams(params);
  if (errors.length) bad(`--where: ${errors.join('; ')}`);
  return filter;
}

async function batchActionFrom(action: string | undefined, flags: OpsFlags): Promise<BatchActionInput> {
  const payload = await jsonOption('payload', flags.payload);
  const context = await jsonOption('context', flags.context);
  switch (action) {
    case 'cancel':
    case 'retry':
    case 'pause':
    case 'resume':
      return { action };
    case 'send':
      return {
        action,
        event: flags.event ?? bad('batch send needs --event'),
        ...(payload !== undefined ? { payload } : {}),
      };
    case 'move':
      return {
        action,
        state: flags.state ?? bad('batch move needs --state'),
        ...(flags.via ? { via: viaFlag(flags.via) } : {}),
      };
    case 'migrate':
      return {
        action,
        toVersion: wholeFlag('to-version', flags['to-version']) ?? bad('batch migrate needs --to-version'),
        stateMap: mapFlag(flags.map),
        ...(context !== undefined ? { contextSet: context as Record<string, unknown> } : {}),
        ...(flags.tasks ? { tasks: choiceFlag('tasks', migrationTaskModes, flags.tasks) } : {}),
      };
    default:
      return bad(
        `batch: unknown action "${action ?? ''}"; expected cancel, retry, send, move, pause, resume or migrate`,
      );
  }
}

function describeBatch(b: BatchView): string {
  const done = b.succeeded + b.skipped + b.failed;
  return `batch ${b.id} ${b.action} ${b.status}: ${done}/${b.total} (${b.succeeded} succeeded, ${b.skipped} skipped, ${b.failed} failed) — “${b.reason}” by ${b.createdBy}; where ${b.queryString || '(all)'}`;
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
    case 'migrate-instance': {
      const context = await jsonOption('context', flags.context);
      const dryRun = flags['dry-run'] === true;
      const result = await engine.service.migrateInstance(
        ctx,
        {
          instanceId: instanceId(),
          toVersion: wholeFlag('to-version', flags['to-version']) ?? bad('missing --to-version'),
          stateMap: mapFlag(flags.map),
          ...(context !== undefined ? { contextSet: context as Record<string, unknown> } : {}),
          ...(flags.tasks ? { tasks: choiceFlag('tasks', migrationTaskModes, flags.tasks) } : {}),
          reason: dryRun && !reason ? 'dry run' : reason,
        },
        { dryRun },
      );
      await print(
        `${dryRun ? 'would migrate' : 'migrated'} ${result.instanceId}: v${result.fromVersion} ${result.from} → v${result.toVersion} ${result.to} (tasks: ${result.tasks}${result.cancelledTasks.length ? `, ${result.cancelledTasks.length} cancelled` : ''})${result.warnings.map((w) => `\n  warning: ${w}`).join('')}`,
        { dryRun, ...result },
      );
      return 0;
    }
    case 'batch': {
      const action = await batchActionFrom(positionals[0], flags);
      const where = whereFlag(flags.where);
      if (flags['dry-run']) {
        const preview = await engine.service.previewBatch(ctx, { where, action });
        await print(
          [
            `${preview.count}${preview.capped ? '+' : ''} instance(s) match${preview.capped ? ` (more than one batch may act on; narrow the filter)` : ''}`,
            ...preview.groups.map((g) => `  ${g.count} ${g.text}`),
            ...preview.sample.map(
              (s) => `  e.g. ${s.id} ${s.businessKey ?? ''} ${s.status} in ${s.stateValue}: ${s.outcome.text}`,
            ),
          ].join('\n'),
          { dryRun: true, ...preview },
        );
        return 0;
      }
      if (!flags.yes) bad('batch: pass --dry-run to preview, or --yes to run it');
      const started = await engine.service.startBatch(ctx, {
        where,
        action,
        reason,
        ...(flags.rate !== undefined ? { ratePerSecond: wholeFlag('rate', flags.rate) } : {}),
      });
      await print(
        `started batch ${started.batchId} on ${started.total} instance(s); follow it with batch-show ${started.batchId}`,
        started,
      );
      return 0;
    }
    case 'batches': {
      const list = await engine.service.listBatches(ctx);
      await print(list.map(describeBatch).join('\n') || '(no batches)', list);
      return 0;
    }
    case 'batch-show': {
      const batch = await engine.service.getBatch(ctx, { batchId: positionals[0] ?? bad('missing <batchId>') });
      await print(
        [
          describeBatch(batch),
          ...batch.items.map((i) => `  ${i.instanceId} ${i.status}${i.message ? `: ${i.message}` : ''}`),
        ].join('\n'),
        batch,
      );
      return 0;
    }
    case 'batch-pause':
    case 'batch-resume':
    case 'batch-abort': {
      const batch = await engine.service.controlBatch(ctx, BATCH_CONTROL[command], {
        batchId: positionals[0] ?? bad('missing <batchId>'),
        reason,
      });
      await print(describeBatch(batch), batch);
      return 0;
    }
    default:
      return undefined;
  }
}
