import { describe, expect, it } from 'vitest';
import { checkGuards, DEFAULT_GUARD_LIMITS, limitsFor, type GuardCounters } from '../../src/store/runaway-guards';

const limits = { transitionsPerMinute: 3, transitions: 10, tasks: 5, contextBytes: 100 };
const fresh: GuardCounters = { transitionCount: 0, minuteStartedMs: null, minuteTransitions: 0, taskCount: 0 };
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe('runaway guards', () => {
  it('opens a one-minute window on the first transition and counts within it', () => {
    const first = checkGuards(fresh, limits, { tasks: 1, contextBytes: 10 }, at(0));
    expect(first).toEqual({ advance: { transitions: 1, tasks: 1, minuteStartedAt: at(0), minuteTransitions: 1 } });
    const third = checkGuards(
      { transitionCount: 2, minuteStartedMs: at(0).getTime(), minuteTransitions: 2, taskCount: 2 },
      limits,
      { tasks: 0, contextBytes: 10 },
      at(59_999),
    );
    expect(third.trip).toBeUndefined();
    expect(third.advance.minuteTransitions).toBe(3);
  });

  it('trips transitionsPerMinute on the transition past the limit, naming the figure', () => {
    const { trip } = checkGuards(
      { transitionCount: 3, minuteStartedMs: at(0).getTime(), minuteTransitions: 3, taskCount: 0 },
      limits,
      { tasks: 0, contextBytes: 10 },
      at(30_000),
    );
    expect(trip).toEqual({
      guard: 'transitionsPerMinute',
      limit: 3,
      value: 4,
      message: 'runaway guard transitionsPerMinute: 4 transitions within one minute exceed the limit of 3',
    });
  });

  it('starts a new window after a minute, so a slow steady workflow never trips it', () => {
    const later = checkGuards(
      { transitionCount: 3, minuteStartedMs: at(0).getTime(), minuteTransitions: 3, taskCount: 0 },
      limits,
      { tasks: 0, contextBytes: 10 },
      at(60_000),
    );
    expect(later.trip).toBeUndefined();
    expect(later.advance).toMatchObject({ minuteStartedAt: at(60_000), minuteTransitions: 1 });
  });

  it('trips the total, task and context guards with their figures', () => {
    const window = { minuteStartedMs: at(0).getTime(), minuteTransitions: 0 };
    expect(
      checkGuards({ ...window, transitionCount: 10, taskCount: 0 }, limits, { tasks: 0, contextBytes: 1 }, at(1)).trip,
    ).toMatchObject({ guard: 'transitions', value: 11 });
    expect(
      checkGuards({ ...window, transitionCount: 0, taskCount: 4 }, limits, { tasks: 2, contextBytes: 1 }, at(1)).trip,
    ).toMatchObject({ guard: 'tasks', value: 6 });
    expect(
      checkGuards({ ...window, transitionCount: 0, taskCount: 0 }, limits, { tasks: 0, contextBytes: 101 }, at(1)).trip,
    ).toMatchObject({
      guard: 'contextBytes',
      value: 101,
      message: 'runaway guard contextBytes: a context of 101 bytes exceeds the limit of 100',
    });
  });

  it("puts an instance's raised caps over the worker's defaults and ignores malformed ones", () => {
    expect(limitsFor(DEFAULT_GUARD_LIMITS, { tasks: 5_000 })).toEqual({ ...DEFAULT_GUARD_LIMITS, tasks: 5_000 });
    expect(limitsFor(DEFAULT_GUARD_LIMITS, { tasks: 'lots' })).toEqual(DEFAULT_GUARD_LIMITS);
    expect(limitsFor(DEFAULT_GUARD_LIMITS, null)).toEqual(DEFAULT_GUARD_LIMITS);
  });
});
