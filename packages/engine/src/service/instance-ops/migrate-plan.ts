import type { TenantContext } from '../../contracts/actor';
import { EngineError } from '../../errors';
import type { EngineDeps } from '../../deps/engine-deps';
import type { WorkflowSpec } from '../../spec/types';
import type { BatchAction } from '../../contracts/batches';
import type { InstanceFacts, Outcome } from '../batches/batch-actions';

type Migrate = Extract<BatchAction, { action: 'migrate' }>;

export interface TargetVersion {
  id: string;
  key: string;
  version: number;
  spec: WorkflowSpec;
}

/** The published version an instance of `key` migrates to; NOT_FOUND names it. */
export async function targetVersion(
  deps: EngineDeps,
  ctx: TenantContext,
  key: string,
  version: number,
): Promise<TargetVersion> {
  const row = await deps.prisma.workflowDefinition.findFirst({
    where: { tenantId: ctx.tenantId, key, version },
    select: { id: true, key: true, version: true, spec: true },
  });
  if (!row) throw new EngineError('NOT_FOUND', `toVersion: definition "${key}" v${version} was not found`);
  return { ...row, spec: row.spec as unknown as WorkflowSpec };
}

/**
 * The state an instance in `state` lands in on the target version: the operator's mapping, else the same name if the
 * target still has it; undefined when the target removed it and nobody mapped it.
 */
export function mappedState(target: WorkflowSpec, stateMap: Record<string, string>, state: string): string | undefined {
  const mapped = stateMap[state];
  if (mapped !== undefined) return mapped;
  return Object.hasOwn(target.states, state) ? state : undefined;
}

/** Refuses a mapping onto a state the target does not have, naming the entry. */
export function checkStateMap(target: TargetVersion, stateMap: Record<string, string>): void {
  for (const [from, to] of Object.entries(stateMap))
    if (!Object.hasOwn(target.spec.states, to))
      throw new EngineError(
        'BAD_INPUT',
        `stateMap.${from}: "${to}" is not a state of ${target.key} v${target.version}; expected one of: ${Object.keys(target.spec.states).join(', ')}`,
        [{ path: `stateMap.${from}`, message: 'not a state of the target version' }],
      );
}

/**
 * For a migrate batch: loads each definition key's target version once, and returns the per-instance outcome
 * (skip what is already there or closed; refuse, as a skip that blocks the start, an instance whose state was removed
 * and not mapped).
 */
export async function migrationOutcome(
  deps: EngineDeps,
  ctx: TenantContext,
  action: Migrate,
  keys: string[],
): Promise<(f: InstanceFacts) => Outcome> {
  const targets = new Map<string, TargetVersion>();
  for (const key of new Set(keys)) {
    const target = await targetVersion(deps, ctx, key, action.toVersion);
    checkStateMap(target, action.stateMap);
    targets.set(key, target);
  }
  return (f) => {
    const target = targets.get(f.definitionKey)!;
    if (f.definitionVersion === action.toVersion)
      return { act: false, text: `is already on v${action.toVersion}; skipped` };
    if (f.status === 'completed' || f.status === 'cancelled') return { act: false, text: `is ${f.status}; skipped` };
    const to = mappedState(target.spec, action.stateMap, f.stateValue);
    if (to === undefined)
      return { act: false, text: `${UNMAPPED}: sits in "${f.stateValue}", which v${action.toVersion} removed` };
    return {
      act: true,
      text: `will move to v${action.toVersion}${to === f.stateValue ? ` in ${to}` : ` (${f.stateValue} → ${to})`}`,
    };
  };
}

/** Marks an outcome that blocks the start: a removed state nobody mapped. */
export const UNMAPPED = 'needs a state mapping';
