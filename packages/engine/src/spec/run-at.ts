// runAt: an absolute ISO-8601 timestamp, or a relative delay. The core never reads the clock, so a
// relative delay stays `{ kind: 'in', ms }` and the store turns it into a time with its own clock.
import type { TaskRunAt } from '../core/types';
import type { JsonValue } from './types';

const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const durationPattern = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
const isoPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses "30s", "5m", "1.5h" or a number of milliseconds; null when it is not a valid delay. */
export function parseDuration(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const match = durationPattern.exec(value.trim());
  if (!match) return null;
  const ms = Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
  return Number.isFinite(ms) ? Math.round(ms) : null;
}

/** True for an ISO-8601 date or date-time that names a real instant (Date.parse only parses; no clock). */
export function isIsoTimestamp(value: string): boolean {
  return isoPattern.test(value) && !Number.isNaN(Date.parse(value));
}

export const runAtExpectation =
  'expected an ISO-8601 timestamp ("2030-01-01T09:00:00Z"), { "in": "30s" } (units ms, s, m, h, d), { "in": <milliseconds> }, or a $ref/$template resolving to one';

/**
 * Turns an already-resolved runAt value into a TaskRunAt. A reference may resolve to an ISO string,
 * a duration string or a number of milliseconds; null means "no delay".
 */
export function toTaskRunAt(value: JsonValue): { ok: true; runAt: TaskRunAt | undefined } | { ok: false; reason: string } {
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
