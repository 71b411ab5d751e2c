// References ({ "$ref" }) and templates ({ "$template" }) read from `context` and `event`.
// A reference to a missing path resolves to its `default`, or to null when it has none:
// specs are data, so a missing field must never throw in the middle of a transition.
import { EngineError } from '../errors';
import type { JsonObject, JsonValue, Reference, Template } from './types';

export const referenceRoots = ['context', 'event'] as const;
export type ReferenceRoot = (typeof referenceRoots)[number];

/** What a reference can see: the instance context and the event being handled. */
export interface EvaluationScope {
  context: JsonObject;
  event: { type: string; payload: JsonValue };
}

export type ParsedPath = { ok: true; root: ReferenceRoot; segments: string[] } | { ok: false; reason: string };

// Keys that would reach the prototype chain; never a legitimate data path.
const forbiddenSegments = new Set(['__proto__', 'prototype', 'constructor']);

/** Parses "context.a.b" into its root and segments, explaining what is wrong when it cannot. */
export function parseReferencePath(path: string): ParsedPath {
  const segments = path.split('.');
  const [root, ...rest] = segments;
  if (root !== 'context' && root !== 'event') {
    return { ok: false, reason: `"${path}" must start with "context." or "event." (got root "${root ?? ''}")` };
  }
  if (rest.some((s) => s === '')) return { ok: false, reason: `"${path}" has an empty segment` };
  const bad = rest.find((s) => forbiddenSegments.has(s));
  if (bad) return { ok: false, reason: `"${path}" uses the reserved segment "${bad}"` };
  return { ok: true, root, segments: rest };
}

/** Checks a dot path inside context (as used by assign), returning a reason when it is unusable. */
export function checkContextPath(path: string): string | null {
  if (path === '') return 'path is empty; expected a dot path inside context such as "customer.email"';
  const segments = path.split('.');
  if (segments.some((s) => s === '')) return `path "${path}" has an empty segment`;
  const bad = segments.find((s) => forbiddenSegments.has(s));
  return bad ? `path "${path}" uses the reserved segment "${bad}"` : null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isReference(value: unknown): value is Reference {
  return isPlainObject(value) && Object.hasOwn(value, '$ref');
}

export function isTemplate(value: unknown): value is Template {
  return isPlainObject(value) && Object.hasOwn(value, '$template');
}

/** Reads a value by path segments; undefined when any step is missing. Arrays take numeric segments. */
export function getIn(value: JsonValue | undefined, segments: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      const index = /^\d+$/.test(segment) ? Number(segment) : -1;
      current = index >= 0 ? current[index] : undefined;
    } else if (isPlainObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Reads "context.…" / "event.…" from the scope; undefined when missing or malformed. */
export function readPath(path: string, scope: EvaluationScope): JsonValue | undefined {
  const parsed = parseReferencePath(path);
  if (!parsed.ok) return undefined;
  const root: JsonValue =
    parsed.root === 'context' ? scope.context : { type: scope.event.type, payload: scope.event.payload };
  return getIn(root, parsed.segments);
}

const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Lists the reference paths inside a template string, in order. */
export function templatePaths(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1] ?? '');
}

/** Renders a template; missing values render as "", objects and arrays as JSON. */
export function renderTemplate(template: string, scope: EvaluationScope): string {
  return template.replace(placeholder, (_match, path: string) => {
    const value = readPath(path, scope);
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** Resolves every reference and template inside a JSON value, at any depth. */
export function resolveValue(value: JsonValue, scope: EvaluationScope): JsonValue {
  if (isReference(value)) {
    const found = typeof value.$ref === 'string' ? readPath(value.$ref, scope) : undefined;
    return found ?? value.default ?? null;
  }
  if (isTemplate(value)) return renderTemplate(String(value.$template), scope);
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, scope));
  if (isPlainObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[key] = resolveValue(item, scope);
    return out;
  }
  return value;
}

/**
 * Returns a copy of `context` with `value` written at a dot path, creating (or replacing non-object) intermediates.
 * Inside an existing list a segment is an index: "history.1" replaces item 1, and an index equal to the length
 * appends. An index past the end, or a name where a list is, is refused (EngineError BAD_INPUT) rather than
 * padding the list with nulls or turning it into an object.
 */
export function setIn(context: JsonObject, path: string, value: JsonValue): JsonObject {
  return setSegments(context, path.split('.'), value, path) as JsonObject;
}

function setSegments(
  container: JsonObject | JsonValue[],
  segments: readonly string[],
  value: JsonValue,
  path: string,
): JsonObject | JsonValue[] {
  const [head, ...rest] = segments;
  if (head === undefined) return container;
  const current = readChild(container, head, path);
  const next =
    rest.length === 0
      ? value
      : setSegments(isPlainObject(current) || Array.isArray(current) ? current : {}, rest, value, path);
  if (!Array.isArray(container)) return { ...container, [head]: next };
  const copy = [...container];
  copy[Number(head)] = next;
  return copy;
}

function readChild(container: JsonObject | JsonValue[], segment: string, path: string): JsonValue | undefined {
  if (!Array.isArray(container)) return Object.hasOwn(container, segment) ? container[segment] : undefined;
  if (!/^\d+$/.test(segment))
    throw new EngineError('BAD_INPUT', `assign "${path}": "${segment}" is not an index, but the value there is a list`);
  const index = Number(segment);
  if (index > container.length) {
    throw new EngineError(
      'BAD_INPUT',
      `assign "${path}": index ${index} is past the end of a list of ${container.length}; use at most ${container.length} (appends)`,
    );
  }
  return container[index];
}
