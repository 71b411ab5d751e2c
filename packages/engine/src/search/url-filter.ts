// The instance list's filters in the URL, so a view can be bookmarked, shared and saved. Pure; the console and
// the saved-views service read it the same way.
import { parseCondition, formatCondition } from './condition-syntax';
import { instanceStatuses } from '../contracts/statuses';
import { instanceFilterSchema, type Condition, type InstanceFilter } from './filter-schema';

/** URL parameter → what it holds. `where` repeats, one condition each. */
export const filterParams = {
  definition: 'definition key',
  version: 'definition version',
  status: 'status',
  state: 'current state',
  from: 'created from',
  to: 'created to',
  ufrom: 'updated from',
  uto: 'updated to',
  q: 'id or business key prefix',
  where: 'context/input condition',
  waiting: 'waiting in its state longer than',
  task: 'task type',
  error: 'error text',
  sig: 'error signature',
} as const;

const isoOrUndefined = (value: string | null) =>
  value && !Number.isNaN(new Date(value).getTime()) ? new Date(value).toISOString() : undefined;

/** Reads filters from URL parameters; each unreadable value is reported and left out, never guessed. */
export function filterFromParams(params: URLSearchParams): { filter: InstanceFilter; errors: string[] } {
  const errors: string[] = [];
  const raw: Record<string, unknown> = {};
  const get = (key: string) => params.get(key)?.trim() || null;
  if (get('definition')) raw.definitionKey = get('definition');
  const version = Number(get('version'));
  if (Number.isInteger(version) && version > 0) raw.definitionVersion = version;
  const status = get('status');
  if (status && (instanceStatuses as readonly string[]).includes(status)) raw.status = status;
  if (get('state')) raw.states = [get('state')];
  for (const [param, field] of [
    ['from', 'createdFrom'],
    ['to', 'createdTo'],
    ['ufrom', 'updatedFrom'],
    ['uto', 'updatedTo'],
  ] as const) {
    const iso = isoOrUndefined(get(param));
    if (iso) raw[field] = iso;
    else if (get(param)) errors.push(`${param}: expected a date`);
  }
  if (get('q')) raw.search = get('q');
  const conditions: Condition[] = [];
  for (const text of params.getAll('where')) {
    const parsed = parseCondition(text);
    if (parsed.ok) conditions.push(parsed.condition);
    else errors.push(parsed.error);
  }
  if (conditions.length) raw.where = conditions;
  if (get('waiting')) raw.waitingLongerThan = get('waiting');
  if (get('task')) raw.taskType = get('task');
  if (get('error')) raw.errorText = get('error');
  if (get('sig')) raw.errorSignature = params.get('sig');
  // Validate field by field so one bad value drops only itself.
  const filter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const one = instanceFilterSchema.safeParse({ [key]: value });
    if (one.success) filter[key] = (one.data as Record<string, unknown>)[key];
    else errors.push(`${key}: ${one.error.issues.map((i) => i.message).join('; ')}`);
  }
  return { filter: filter, errors };
}

/** Writes filters as URL parameters (the inverse of filterFromParams). */
export function filterToParams(filter: InstanceFilter): URLSearchParams {
  const params = new URLSearchParams();
  const date = (d: Date | undefined) => d?.toISOString();
  const pairs: [string, string | undefined][] = [
    ['definition', filter.definitionKey],
    ['version', filter.definitionVersion?.toString()],
    ['status', filter.status],
    ['state', filter.states?.[0]],
    ['from', date(filter.createdFrom)],
    ['to', date(filter.createdTo)],
    ['ufrom', date(filter.updatedFrom)],
    ['uto', date(filter.updatedTo)],
    ['q', filter.search],
    ['waiting', filter.waitingLongerThan],
    ['task', filter.taskType],
    ['error', filter.errorText],
    ['sig', filter.errorSignature],
  ];
  for (const [key, value] of pairs) if (value) params.set(key, value);
  for (const condition of filter.where ?? []) params.append('where', formatCondition(condition));
  return params;
}
