// A start input is stored once, on the instance row (`input`). The timeline entries that used to carry a copy hold
// a reference instead, and reading the timeline puts the value back, so every reader sees what it saw before:
// - `instance.started`'s `input` and WORKFLOW_START's `event.received` `payload`: `{"$ref": "instance.input"}`;
// - `instance.started`'s `context` (the spec's context with the input merged over it, key by key):
//   `{"$ref": "instance.input", "defaults": {…}}`, the spec's keys the input does not set.
import type { JsonObject, JsonValue } from '../contracts/json';

export const START_INPUT_REF = { $ref: 'instance.input' } as const;

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStartInputRef(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 1 && value.$ref === START_INPUT_REF.$ref;
}

/** The reference `instance.started` stores for a starting context of the spec's `defaults` and the start `input`. */
export function startContextRef(defaults: JsonObject, input: JsonObject): JsonObject {
  const kept = Object.fromEntries(Object.entries(defaults).filter(([key]) => !Object.hasOwn(input, key)));
  return { ...START_INPUT_REF, defaults: kept };
}

function isStartContextRef(value: unknown): value is { $ref: string; defaults: JsonObject } {
  return (
    isObject(value) &&
    Object.keys(value).length === 2 &&
    value.$ref === START_INPUT_REF.$ref &&
    isObject(value.defaults)
  );
}

// Postgres returns a jsonb object's keys shortest first, then in byte order; the merged context is put in the same
// order, so it reads exactly as the stored copy did.
function jsonbKeyOrder(a: string, b: string): number {
  const byLength = Buffer.byteLength(a) - Buffer.byteLength(b);
  return byLength !== 0 ? byLength : Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function startingContext(defaults: JsonObject, input: JsonValue): JsonObject {
  const merged: JsonObject = { ...defaults, ...(isObject(input) ? input : {}) };
  return Object.fromEntries(
    Object.keys(merged)
      .sort(jsonbKeyOrder)
      .map((key) => [key, merged[key]!]),
  );
}

/** The payload with its references to the start input resolved; undefined when it holds none. */
function resolved(type: string, payload: JsonValue, input: () => JsonValue): JsonValue | undefined {
  if (!isObject(payload)) return undefined;
  if (type === 'event.received' && isStartInputRef(payload.payload)) return { ...payload, payload: input() };
  if (type !== 'instance.started') return undefined;
  const refersInput = isStartInputRef(payload.input);
  const refersContext = isStartContextRef(payload.context);
  if (!refersInput && !refersContext) return undefined;
  return {
    ...payload,
    ...(refersInput ? { input: input() } : {}),
    ...(isStartContextRef(payload.context) ? { context: startingContext(payload.context.defaults, input()) } : {}),
  };
}

/** Puts the instance's input back where entries refer to it; `input` is read only when some entry needs it. */
export async function resolveStartInput<T extends { type: string; payload: JsonValue }>(
  entries: T[],
  input: () => Promise<JsonValue>,
): Promise<T[]> {
  const marker = (): JsonValue => null;
  if (!entries.some((entry) => resolved(entry.type, entry.payload, marker) !== undefined)) return entries;
  const value = await input();
  return entries.map((entry) => {
    const payload = resolved(entry.type, entry.payload, () => value);
    return payload === undefined ? entry : { ...entry, payload };
  });
}
