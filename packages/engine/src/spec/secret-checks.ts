// Where a `{ "$secret": name }` may stand: only inside the input of a task the worker hands to a handler, never
// in context, guards, assign values, runAt, idempotencyKey or a reference's default (those end up stored or
// shown), and never in an AI_DECISION's input (that goes into the model's prompt).
import { AI_DECISION_TASK } from '../contracts/events';
import type { PathSegment } from './json-path';
import type { Report } from './problem-sink';
import { isPlainObject, isReference, isTemplate } from './references';
import { isSecretRef, SECRET_PREFIX_MAX_CHARS, secretNameProblem } from './secret-refs';

/** The task object whose input holds this path, or null when the path is not inside a task input. */
function owningTask(spec: Record<string, unknown>, path: readonly PathSegment[]): Record<string, unknown> | null {
  // states.<s>.on.<e>[.<i>].actions.<j>.task.input…
  if (path[0] !== 'states' || path[2] !== 'on') return null;
  const actionsAt = typeof path[4] === 'number' ? 5 : 4;
  if (
    path[actionsAt] !== 'actions' ||
    typeof path[actionsAt + 1] !== 'number' ||
    path[actionsAt + 2] !== 'task' ||
    path[actionsAt + 3] !== 'input'
  )
    return null;
  let node: unknown = spec;
  for (const segment of path.slice(0, actionsAt + 3)) {
    node =
      Array.isArray(node) && typeof segment === 'number'
        ? node[segment]
        : isPlainObject(node)
          ? node[String(segment)]
          : undefined;
  }
  return isPlainObject(node) ? node : null;
}

function checkMarker(marker: Record<string, unknown>, at: readonly PathSegment[], report: Report): void {
  for (const key of Object.keys(marker).filter((k) => k !== '$secret' && k !== 'prefix')) {
    report(
      [...at, key],
      'INVALID_SECRET',
      `unknown key "${key}" next to "$secret"; expected { "$secret": "name" } and optional "prefix"`,
    );
  }
  const problem = secretNameProblem(marker['$secret']);
  if (problem) report([...at, '$secret'], 'INVALID_SECRET', problem);
  const prefix = marker['prefix'];
  if (prefix !== undefined && (typeof prefix !== 'string' || prefix.length > SECRET_PREFIX_MAX_CHARS)) {
    report(
      [...at, 'prefix'],
      'INVALID_SECRET',
      `"prefix" must be a string of at most ${SECRET_PREFIX_MAX_CHARS} characters, e.g. "Bearer "`,
    );
  }
}

/** Reports every `$secret` placed where the engine would not resolve it, or with a malformed name. */
export function checkSecretPlacement(spec: unknown, report: Report): void {
  if (!isPlainObject(spec)) return;
  const walk = (value: unknown, at: PathSegment[], insideReference: boolean): void => {
    if (isSecretRef(value)) {
      const task = owningTask(spec, at);
      if (insideReference) {
        report(
          at,
          'SECRET_NOT_ALLOWED',
          'a "$secret" cannot sit inside a "$ref" or "$template"; put { "$secret": "name" } directly in the task input',
        );
      } else if (!task) {
        report(
          at,
          'SECRET_NOT_ALLOWED',
          '"$secret" is only allowed inside a task\'s "input" (not in context, guards, assign, runAt or idempotencyKey)',
        );
      } else if (task['type'] === AI_DECISION_TASK) {
        report(
          at,
          'SECRET_NOT_ALLOWED',
          'an AI_DECISION task cannot use a "$secret": its input is sent to the model as the prompt',
        );
      } else {
        checkMarker({ ...value }, at, report);
      }
      return;
    }
    const nested = insideReference || isReference(value) || isTemplate(value);
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...at, i], nested));
    else if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) walk(item, [...at, key], nested);
  };
  walk(spec, [], false);
}
