// The few facts an operator needs to decide without opening the instance: the context fields the spec chose to
// show the model (`contextFields`), as short scalar values. Shown in the Inbox row next to the proposal.
import { selectContext } from './prompt';

export interface DecisionFact {
  /** The dot path inside the decision's context, e.g. "refund.amount". */
  field: string;
  value: string | number | boolean | null;
}

const MAX_FACTS = 6;
const MAX_TEXT = 160;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function scalar(value: unknown): DecisionFact['value'] | undefined {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  return undefined;
}

/** Scalar leaves of a value as dot paths, breadth first, at most `limit`. */
function leaves(value: Record<string, unknown>, limit: number): DecisionFact[] {
  const out: DecisionFact[] = [];
  const queue: [string, unknown][] = Object.entries(value);
  while (queue.length && out.length < limit) {
    const [path, v] = queue.shift()!;
    const s = scalar(v);
    if (s !== undefined) out.push({ field: path, value: s });
    else if (!Array.isArray(v))
      queue.push(...Object.entries(asRecord(v)).map(([k, child]): [string, unknown] => [`${path}.${k}`, child]));
  }
  return out;
}

/** The facts of an AI_DECISION task input: its `contextFields` when listed, otherwise the first scalar leaves of its context. */
export function decisionFacts(taskInput: unknown): DecisionFact[] {
  const input = asRecord(taskInput);
  const context = asRecord(input.context);
  const fields = Array.isArray(input.contextFields)
    ? input.contextFields.filter((f): f is string => typeof f === 'string')
    : undefined;
  if (!fields) return leaves(context, MAX_FACTS);
  const picked = selectContext(context, fields);
  return fields
    .slice(0, MAX_FACTS * 2)
    .flatMap((field) => {
      const s = scalar(picked[field]);
      return s === undefined ? leaves({ [field]: picked[field] }, 2) : [{ field, value: s }];
    })
    .slice(0, MAX_FACTS);
}
