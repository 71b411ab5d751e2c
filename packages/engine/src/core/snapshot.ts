// Persisted snapshots: plain JSON out, validated and re-hydrated in, without re-running entry actions.
import { EngineError } from '../errors';
import { isPlainObject } from '../spec/references';
import type { JsonObject } from '../spec/types';
import type { CompiledWorkflow } from './compile-spec';
import type { PersistedSnapshot } from './types';

type MachineSnapshot = ReturnType<CompiledWorkflow['machine']['resolveState']>;

/** Converts an XState snapshot into JSON that round-trips through Postgres unchanged. */
export function persistSnapshot(compiled: CompiledWorkflow, snapshot: MachineSnapshot): PersistedSnapshot {
  // A JSON round trip drops the `undefined` fields XState leaves in (output, error), so what we
  // return is byte-for-byte what a later load will see.
  return JSON.parse(JSON.stringify(compiled.machine.getPersistedSnapshot(snapshot))) as PersistedSnapshot;
}

export interface RestoredSnapshot {
  snapshot: MachineSnapshot;
  value: string;
  context: JsonObject;
}

/** Re-hydrates a persisted snapshot, refusing one that does not belong to this spec. */
export function restoreSnapshot(compiled: CompiledWorkflow, persisted: PersistedSnapshot): RestoredSnapshot {
  const { spec, machine } = compiled;
  const value = persisted['value'];
  if (typeof value !== 'string' || !Object.hasOwn(spec.states, value)) {
    throw new EngineError(
      'BAD_INPUT',
      `snapshot state ${JSON.stringify(value)} is not a state of workflow "${spec.id}"; expected one of: ${Object.keys(spec.states).join(', ')}`,
    );
  }
  const context = persisted['context'] ?? {};
  if (!isPlainObject(context))
    throw new EngineError('BAD_INPUT', `snapshot context must be an object, got ${JSON.stringify(context)}`);
  const snapshot = machine.resolveState({ value, context: context });
  return { snapshot, value, context: context };
}
