// A start input is stored once, on the instance row (`input`). The timeline entries that used to carry a copy —
// `instance.started` (its `input`) and WORKFLOW_START's `event.received` (its `payload`) — hold this reference
// instead, and reading the timeline puts the input back, so every reader sees what it saw before.
import type { JsonValue } from '../json';

export const START_INPUT_REF = { $ref: 'instance.input' } as const;

export function isStartInputRef(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    (value as { $ref?: unknown }).$ref === START_INPUT_REF.$ref
  );
}

/** Where a timeline payload refers to the start input: the key holding the reference, if any. */
function refKey(type: string, payload: JsonValue): 'input' | 'payload' | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  if (type === 'instance.started' && isStartInputRef(payload.input)) return 'input';
  if (type === 'event.received' && isStartInputRef(payload.payload)) return 'payload';
  return undefined;
}

/** Puts the instance's input back where entries refer to it; `input` is read only when some entry needs it. */
export async function resolveStartInput<T extends { type: string; payload: JsonValue }>(
  entries: T[],
  input: () => Promise<JsonValue>,
): Promise<T[]> {
  if (!entries.some((entry) => refKey(entry.type, entry.payload))) return entries;
  const value = await input();
  return entries.map((entry) => {
    const key = refKey(entry.type, entry.payload);
    return key ? { ...entry, payload: { ...(entry.payload as Record<string, JsonValue>), [key]: value } } : entry;
  });
}
