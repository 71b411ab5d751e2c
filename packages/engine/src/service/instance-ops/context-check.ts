import { EngineError } from '../../errors';
import type { JsonObject, JsonValue, WorkflowSpec } from '../../spec/types';
import { assertJsonWithinLimits, defaultInputLimits, type InputLimits } from '../../limits';
import { contextPathsRead } from '../../spec';
import { getIn, isPlainObject } from '../../spec/references';

const kind = (v: JsonValue | undefined) =>
  v === undefined ? 'missing' : Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;

/**
 * Checks a context an operator wrote for a move or a migration: an object within the context limits (refused
 * otherwise, naming the field), and, as warnings, each path the spec's guards and references read that the edit
 * removed or whose type it changed.
 */
export function checkEditedContext(
  spec: WorkflowSpec,
  before: JsonObject,
  after: unknown,
  limits: InputLimits | undefined,
  field = 'context',
): { context: JsonObject; warnings: string[] } {
  if (!isPlainObject(after))
    throw new EngineError('BAD_INPUT', `${field}: expected a JSON object`, [
      { path: field, message: 'expected a JSON object' },
    ]);
  assertJsonWithinLimits(limits ?? defaultInputLimits, field, after, 'contextBytes');
  const context = after as JsonObject;
  const warnings: string[] = [];
  for (const path of contextPathsRead(spec)) {
    const segments = path.split('.');
    const was = getIn(before, segments);
    const now = getIn(context, segments);
    if (was !== undefined && now === undefined)
      warnings.push(`context.${path} is read by the spec and the edit removes it (it was ${JSON.stringify(was)})`);
    else if (was !== undefined && kind(was) !== kind(now))
      warnings.push(`context.${path} is read by the spec and changes from ${kind(was)} to ${kind(now)}`);
  }
  return { context, warnings };
}
