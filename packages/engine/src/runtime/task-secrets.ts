// Tenant secrets meet a task only here: opened just before the handler runs, substituted into a copy of the input
// (the stored input keeps the `$secret` markers), and scrubbed from whatever comes back — output, routing and
// error message — before anything is stored, logged or sent as an event.
import { AI_DECISION_TASK } from '../contracts/events';
import type { JsonValue } from '../json';
import { openTenantSecrets } from '../secrets/open';
import { secretNamesIn, substituteSecrets } from '../spec/secret-refs';
import type { AttemptResult, ClaimedTask } from '../store/task-attempts';
import type { EngineDeps } from '../deps/engine-deps';

/** Task types whose input goes somewhere a secret must never go (the model's prompt). */
const SECRETLESS_TYPES = new Set([AI_DECISION_TASK]);

type Scrub = (text: string) => string;

function scrubber(values: ReadonlyMap<string, string>): Scrub {
  // The value as is, and as it appears inside JSON text or a URL, longest first so no fragment survives.
  const needles: [string, string][] = [];
  for (const [name, value] of values) {
    for (const form of new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]))
      needles.push([form, `[secret ${name}]`]);
  }
  needles.sort((a, b) => b[0].length - a[0].length);
  return (text) => needles.reduce((out, [needle, mask]) => out.split(needle).join(mask), text);
}

function scrubJson<T>(value: T, scrub: Scrub): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubJson(item, scrub)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k), scrubJson(v, scrub)])) as T;
  }
  return value;
}

/** Runs one attempt with the task's secrets resolved; a missing secret fails the task at once, naming it. */
export async function runWithSecrets(
  deps: EngineDeps,
  task: ClaimedTask,
  run: (task: ClaimedTask) => Promise<AttemptResult>,
): Promise<AttemptResult> {
  const names = secretNamesIn(task.input);
  if (names.length === 0) return run(task);
  if (SECRETLESS_TYPES.has(task.type)) {
    return {
      ok: false,
      retriable: false,
      durationMs: 0,
      error: `a ${task.type} task cannot use secrets (${names.join(', ')}): its input is sent to the model`,
    };
  }
  const opened = await openTenantSecrets(deps, task.tenantId, names);
  if (!opened.ok) return { ok: false, retriable: false, durationMs: 0, error: opened.error };
  const input: JsonValue = substituteSecrets(task.input, opened.values);
  const result = await run({ ...task, input });
  return scrubJson(result, scrubber(opened.values));
}
