// runAt: an absolute ISO-8601 timestamp, or a relative delay. The core never reads the clock, so a
// relative delay stays `{ kind: 'in', ms }` and the store turns it into a time with its own clock.
import type { JsonValue } from './types';

/** When a created task may first run. The store turns `in` into a timestamp with its clock. */
export type TaskRunAt = { kind: 'at'; at: string } | { kind: 'in'; ms: number };

const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const durationPattern = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The longest delay a task may ask for (a year): beyond it a typo (`1e16`) would overflow the date arithmetic. */
export const MAX_DELAY_MS = 365 * unitMs.d;
export const maxDelayText = `365 days (${MAX_DELAY_MS} ms)`;

/** Milliseconds of "30s", "5m", "1.5h" or a number of milliseconds, with no range check; null when it is none of these. */
function durationMs(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const match = durationPattern.exec(value.trim());
  if (!match) return null;
  const ms = Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
  return Number.isFinite(ms) ? Math.round(ms) : null;
}

/** Why a delay is unusable ("not a duration" or "out of range"), or null when it is fine. */
export function durationProblem(value: string | number): string | null {
  const ms = durationMs(value);
  if (ms === null)
    return `${JSON.stringify(value)} is not a duration; expected e.g. "30s", "5m", "2h", "1d" or a whole number of milliseconds`;
  if (ms > MAX_DELAY_MS) return `${JSON.stringify(value)} is out of range; a delay may be at most ${maxDelayText}`;
  return null;
}

/** Parses "30s", "5m", "1.5h" or a number of milliseconds; null when it is not a valid delay or longer than MAX_DELAY_MS. */
export function parseDuration(value: string | number): number | null {
  const ms = durationMs(value);
  return ms !== null && ms <= MAX_DELAY_MS ? ms : null;
}

/**
 * True for an ISO-8601 date or date-time that names a real calendar instant. Date.parse alone rolls
 * 2030-02-30 over to 2 March, so the fields are checked too (no clock is read).
 */
export function isIsoTimestamp(value: string): boolean {
  const m = isoPattern.exec(value);
  if (!m || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  if (m[4] === undefined) return true;
  return Number(m[5]) <= 23 && Number(m[6]) <= 59 && (m[8] === undefined || Number(m[8]) <= 59);
}

export const runAtExpectation =
  'expected an ISO-8601 timestamp ("2030-01-01T09:00:00Z"), { "in": "30s" } (units ms, s, m, h, d), { "in": <milliseconds> }, or a $ref/$template resolving to one';

/**
 * Turns an already-resolved runAt value into a TaskRunAt. A reference may resolve to an ISO string,
 * a duration string or a number of milliseconds; null means "no delay".
 */
export function toTaskRunAt(
  value: JsonValue,
): { ok: true; runAt: TaskRunAt | undefined } | { ok: false; reason: string } {
  if (value === null) return { ok: true, runAt: undefined };
  if (typeof value === 'string') {
    if (isIsoTimestamp(value)) return { ok: true, runAt: { kind: 'at', at: value } };
    const ms = parseDuration(value);
    if (ms !== null) return { ok: true, runAt: { kind: 'in', ms } };
  }
  if (typeof value === 'number') {
    const ms = parseDuration(value);
    if (ms !== null) return { ok: true, runAt: { kind: 'in', ms } };
  }
  if (typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'in')) {
    const rel = value['in'];
    const ms = typeof rel === 'string' || typeof rel === 'number' ? parseDuration(rel) : null;
    if (ms !== null) return { ok: true, runAt: { kind: 'in', ms } };
  }
  return { ok: false, reason: `runAt resolved to ${JSON.stringify(value)}; ${runAtExpectation}` };
}
