// Declarative guards: predicates over context and event, evaluated without eval or code strings.
import { isPlainObject, readPath, resolveValue, type EvaluationScope } from './references';
import type { JsonValue, Predicate } from './types';

export const comparisonOperators = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in'] as const;
export const logicalOperators = ['and', 'or', 'not', 'exists'] as const;
export const predicateOperators: readonly string[] = [...comparisonOperators, ...logicalOperators];

/** Structural equality of JSON values (object key order does not matter). */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => jsonEqual(item, b[i] as JsonValue))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k] as JsonValue, b[k] as JsonValue))
    );
  }
  return false;
}

// Ordering only between two numbers or two strings (ISO timestamps compare correctly as strings);
// anything else is "not comparable" and the comparison is false rather than a coercion surprise.
function compare(a: JsonValue, b: JsonValue): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

/**
 * Evaluates a predicate. `exists` holds when the path is present and not null; `in` holds when the
 * second operand is an array containing the first; ordering compares numbers or strings only.
 */
export function evaluatePredicate(predicate: Predicate, scope: EvaluationScope): boolean {
  if ('and' in predicate) return predicate.and.every((p) => evaluatePredicate(p, scope));
  if ('or' in predicate) return predicate.or.some((p) => evaluatePredicate(p, scope));
  if ('not' in predicate) return !evaluatePredicate(predicate.not, scope);
  if ('exists' in predicate) {
    const value = readPath(predicate.exists, scope);
    return value !== undefined && value !== null;
  }
  const [operator, operands] = Object.entries(predicate)[0] as [string, [JsonValue, JsonValue]];
  const left = resolveValue(operands[0], scope);
  const right = resolveValue(operands[1], scope);
  switch (operator) {
    case 'eq':
      return jsonEqual(left, right);
    case 'ne':
      return !jsonEqual(left, right);
    case 'in':
      return Array.isArray(right) && right.some((item) => jsonEqual(left, item));
    default: {
      const order = compare(left, right);
      if (order === null) return false;
      if (operator === 'gt') return order > 0;
      if (operator === 'gte') return order >= 0;
      if (operator === 'lt') return order < 0;
      return order <= 0;
    }
  }
}
