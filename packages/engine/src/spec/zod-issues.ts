// Turns zod issues into SpecProblems with JSON paths, stable codes and messages a person can act on.
import type { z } from 'zod';
import { formatPath, type PathSegment } from './json-path';
import { isPlainObject } from './references';
import { allowedKeys } from './schema';
import type { SpecProblem } from './types';

type Issue = z.core.$ZodIssue;
type Located = Omit<SpecProblem, 'path'> & { path: PathSegment[] };

function valueAt(input: unknown, segments: readonly PathSegment[]): unknown {
  let current = input;
  for (const segment of segments) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current) && typeof segment === 'string' && Object.hasOwn(current, segment))
      current = current[segment];
    else return undefined;
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** The field a path ends in, for messages: `target`, `actions[2]`. */
function fieldName(segments: readonly PathSegment[]): string {
  const last = segments[segments.length - 1];
  if (last === undefined) return 'spec';
  if (typeof last === 'number') return `${fieldName(segments.slice(0, -1))}[${last}]`;
  return last;
}

function objectKindAt(input: unknown, segments: readonly PathSegment[]): { kind: string; keys: readonly string[] } {
  const last = segments[segments.length - 1];
  const prev = segments[segments.length - 2];
  if (segments.length === 0) return { kind: 'spec', keys: allowedKeys.spec };
  if (segments.length === 2 && segments[0] === 'states')
    return { kind: `state "${String(last)}"`, keys: allowedKeys.state };
  if (prev === 'on' || segments[segments.length - 3] === 'on')
    return { kind: 'transition', keys: allowedKeys.transition };
  if (prev === 'actions') {
    const type = valueAt(input, [...segments, 'type']);
    return type === 'createTask'
      ? { kind: 'createTask action', keys: allowedKeys.createTask }
      : { kind: 'assign action', keys: allowedKeys.assign };
  }
  if (last === 'task') return { kind: 'task', keys: allowedKeys.task };
  const value = valueAt(input, segments);
  if (isPlainObject(value) && '$ref' in value) return { kind: 'reference', keys: allowedKeys.reference };
  return { kind: `"${fieldName(segments)}"`, keys: [] };
}

// Suggests the closest allowed key for a typo ("tagret" → "target").
function closest(key: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const d = editDistance(key.toLowerCase(), name.toLowerCase());
    if (d <= 2 && (!best || d < best.distance)) best = { name, distance: d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

const article: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  null: 'null',
};

const requiredCodes: Record<string, string> = { initial: 'MISSING_INITIAL', states: 'NO_STATES' };
const requiredHints: Record<string, string> = {
  initial: 'expected the name of the state an instance starts in',
  states: 'expected an object of named states, e.g. { "start": { "on": { … } }, "done": { "type": "final" } }',
  id: 'expected a non-empty string identifying the workflow',
};

function convert(issue: Issue, base: readonly PathSegment[], input: unknown, out: Located[]): void {
  const segments = [...base, ...(issue.path as PathSegment[])];
  const path = segments;
  const field = fieldName(segments);
  const received = valueAt(input, segments);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const { kind, keys } = objectKindAt(input, segments);
      for (const key of issue.keys) {
        const guess = closest(key, keys);
        out.push({
          path: [...segments, key],
          code: 'UNKNOWN_KEY',
          message: `unknown key "${key}" in ${kind}${guess ? ` (did you mean "${guess}"?)` : ''}${keys.length ? `; expected one of: ${keys.join(', ')}` : ''}`,
        });
      }
      return;
    }
    case 'invalid_type': {
      if (received === undefined) {
        const last = segments[segments.length - 1];
        const code =
          segments.length === 1 && typeof last === 'string' ? (requiredCodes[last] ?? 'REQUIRED') : 'REQUIRED';
        const hint = requiredHints[field] ?? `expected ${article[issue.expected] ?? issue.expected}`;
        out.push({ path, code, message: `"${field}" is required; ${hint}` });
      } else {
        out.push({
          path,
          code: 'INVALID_TYPE',
          message: `"${field}" must be ${article[issue.expected] ?? issue.expected}, got ${describeValue(received)}`,
        });
      }
      return;
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const options =
          'options' in issue && Array.isArray(issue.options) ? issue.options.join(', ') : 'assign, createTask';
        out.push({
          path,
          code: 'INVALID_ACTION',
          message: `action type ${received === undefined ? 'is missing' : `${JSON.stringify(received)} is not supported`}; expected one of: ${options}`,
        });
        return;
      }
      // Keep only the alternatives whose base type matched; if exactly one did, its issues are the real story.
      const matching = issue.errors.filter(
        (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
      );
      if (matching.length === 1 && matching[0]) {
        for (const inner of matching[0]) convert(inner, segments, input, out);
        return;
      }
      if (received === undefined) {
        out.push({ path, code: 'REQUIRED', message: `"${field}" is required` });
        return;
      }
      const expected = issue.errors.flatMap((b) =>
        b
          .filter((i) => i.code === 'invalid_type' && i.path.length === 0)
          .map((i) => (i as { expected: string }).expected),
      );
      out.push({
        path,
        code: 'INVALID_TYPE',
        message: `"${field}" has the wrong shape (got ${describeValue(received)})${expected.length ? `; expected one of: ${[...new Set(expected)].map((e) => article[e] ?? e).join(', ')}` : ''}`,
      });
      return;
    }
    case 'invalid_value':
      out.push({
        path,
        code: 'INVALID_VALUE',
        message: `"${field}" must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(received)}`,
      });
      return;
    case 'too_small':
    case 'too_big': {
      const bound =
        issue.code === 'too_small' ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      const what =
        issue.origin === 'string'
          ? `a string of length ${bound}`
          : issue.origin === 'array'
            ? `a list with ${bound} items`
            : bound;
      out.push({ path, code: 'OUT_OF_RANGE', message: `"${field}" must be ${what}, got ${describeValue(received)}` });
      return;
    }
    default:
      out.push({ path, code: 'INVALID_VALUE', message: `"${field}": ${issue.message}` });
  }
}

// Guards, runAt and idempotencyKey are checked field by field in semantic-checks.ts, which gives
// sharper messages than a union mismatch; their zod issues would only repeat the same fault vaguely.
function handledSemantically(segments: readonly PathSegment[]): boolean {
  if (segments[0] === 'guards' && segments.length >= 2) return true;
  return segments.some((s, i) => segments[i - 1] === 'task' && (s === 'runAt' || s === 'idempotencyKey'));
}

/** Maps zod issues to problems, dropping the ones the semantic checks report more precisely. */
export function problemsFromZod(issues: readonly Issue[], input: unknown): SpecProblem[] {
  const out: Located[] = [];
  for (const issue of issues) convert(issue, [], input, out);
  return out.filter((p) => !handledSemantically(p.path)).map((p) => ({ ...p, path: formatPath(p.path) }));
}
