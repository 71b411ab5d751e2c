// Checks the structure of declarative guard predicates, pointing at the exact malformed node.
import { predicateOperators } from './guards';
import type { PathSegment } from './json-path';
import type { Report } from './problem-sink';
import { checkReferences } from './reference-checks';
import { isPlainObject, isReference, isTemplate, parseReferencePath } from './references';

const operatorList = predicateOperators.join(', ');

/** Reports every structural fault in a guard predicate (and the references inside it). */
export function checkPredicate(value: unknown, at: readonly PathSegment[], report: Report): void {
  if (!isPlainObject(value)) {
    report(
      at,
      'INVALID_GUARD',
      `guard must be an object with one operator (${operatorList}), got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
    );
    return;
  }
  const keys = Object.keys(value);
  const [operator] = keys;
  if (keys.length !== 1 || operator === undefined) {
    report(
      at,
      'INVALID_GUARD',
      `guard must have exactly one operator key (${operatorList}); found ${keys.length ? keys.join(', ') : 'none'}`,
    );
    return;
  }
  const operand = value[operator];
  const here = [...at, operator];
  switch (operator) {
    case 'and':
    case 'or':
      if (!Array.isArray(operand) || operand.length === 0) {
        report(here, 'INVALID_GUARD', `"${operator}" expects a non-empty list of predicates`);
        return;
      }
      operand.forEach((p, i) => checkPredicate(p, [...here, i], report));
      return;
    case 'not':
      checkPredicate(operand, here, report);
      return;
    case 'exists': {
      if (typeof operand !== 'string') {
        report(here, 'INVALID_GUARD', `"exists" expects a path string such as "context.customer.email"`);
        return;
      }
      const parsed = parseReferencePath(operand);
      if (!parsed.ok) report(here, 'INVALID_REFERENCE', `exists path ${parsed.reason}`);
      return;
    }
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'in':
      if (!Array.isArray(operand) || operand.length !== 2) {
        report(
          here,
          'INVALID_GUARD',
          `"${operator}" expects exactly two operands, e.g. { "${operator}": [{ "$ref": "context.amount" }, 100] }`,
        );
        return;
      }
      checkReferences(operand, here, report);
      // The list may come from a reference (checked when the guard runs); a literal must be a list.
      if (operator === 'in' && !Array.isArray(operand[1]) && !isReference(operand[1])) {
        report(
          [...here, 1],
          'INVALID_GUARD',
          `"in" expects a list (or a $ref to one) as its second operand, got ${isTemplate(operand[1]) ? 'a $template (a string)' : JSON.stringify(operand[1])}`,
        );
      }
      return;
    default:
      report(here, 'INVALID_GUARD', `unknown guard operator "${operator}"; expected one of: ${operatorList}`);
  }
}
