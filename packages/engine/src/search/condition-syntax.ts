// The text form of a condition, as typed in the console's filter bar and kept in the URL:
//   context.customer.tier = gold     context.amount > 1000     input.tags ~ urgent     context.note exists
// Values are read as JSON when they parse as a number, true, false, null or a "quoted string"; anything else is
// a plain string. Pure: shared by the console and the service's tests.
import { conditionSchema, type Condition, type ConditionOp } from './filter-schema';

const symbols: [string, ConditionOp][] = [
  ['>=', 'gte'],
  ['<=', 'lte'],
  ['!=', 'ne'],
  ['=', 'eq'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['~', 'contains'],
];
const symbolOf = Object.fromEntries(symbols.map(([s, op]) => [op, s])) as Record<ConditionOp, string>;
const pattern = /^\s*([^\s=!<>~]+)\s*(>=|<=|!=|=|>|<|~)\s*(.*?)\s*$/;
const unary = /^\s*([^\s=!<>~]+)\s+(exists|missing)\s*$/i;

function readValue(raw: string): unknown {
  if (raw === '') return '';
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed === null || ['string', 'number', 'boolean'].includes(typeof parsed)) return parsed;
  } catch {
    // not JSON: a bare word is a string
  }
  return raw;
}

export type ParsedCondition = { ok: true; condition: Condition } | { ok: false; error: string };

/** Parses one condition; the error says what was expected. */
export function parseCondition(input: string): ParsedCondition {
  const text = input.slice(0, 2_000);
  const u = unary.exec(text);
  const m = u ? null : pattern.exec(text);
  const candidate = u
    ? { path: u[1], op: u[2]!.toLowerCase() }
    : m
      ? { path: m[1], op: symbols.find(([s]) => s === m[2])![1], value: readValue(m[3] ?? '') }
      : null;
  if (!candidate)
    return {
      ok: false,
      error: `"${text.slice(0, 80)}": expected <path> <op> <value> (ops = != > >= < <= ~) or <path> exists|missing, e.g. context.customer.tier = gold`,
    };
  const parsed = conditionSchema.safeParse(candidate);
  if (!parsed.success)
    return { ok: false, error: `"${text.slice(0, 80)}": ${parsed.error.issues.map((i) => i.message).join('; ')}` };
  return { ok: true, condition: parsed.data };
}

function writeValue(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  // A string that would read back as something else (a number, true, a quoted string, padding) is quoted.
  return value === '' || value.trim() !== value || readValue(value) !== value ? JSON.stringify(value) : value;
}

/** The text form of a condition; parseCondition(formatCondition(c)) gives c back. */
export function formatCondition(condition: Condition): string {
  if (!('value' in condition)) return `${condition.path} ${condition.op}`;
  return `${condition.path} ${symbolOf[condition.op]} ${writeValue(condition.value)}`;
}
