import { z } from 'zod';

/** The per-instance runaway guards, by the name the timeline, the console and the CLI use. */
export const GUARD_NAMES = ['transitionsPerMinute', 'transitions', 'tasks', 'contextBytes'] as const;
export type GuardName = (typeof GUARD_NAMES)[number];
export type GuardLimits = Record<GuardName, number>;

/**
 * Generous for real workflows (a person-paced workflow makes a handful of transitions a minute), tight enough that
 * a self-loop or a fork bomb stops within a minute instead of filling the database.
 */
export const DEFAULT_GUARD_LIMITS: GuardLimits = {
  transitionsPerMinute: 1_200,
  transitions: 50_000,
  tasks: 1_000,
  contextBytes: 1_048_576,
};

const WINDOW_MS = 60_000;

/** Per-instance overrides an operator raised, as stored in WorkflowInstance.guardLimits. */
export const guardOverridesSchema = z.object(
  Object.fromEntries(GUARD_NAMES.map((name) => [name, z.number().int().positive().optional()])) as Record<
    GuardName,
    z.ZodOptional<z.ZodNumber>
  >,
);
export type GuardOverrides = Partial<GuardLimits>;

export function parseGuardOverrides(value: unknown): GuardOverrides {
  const parsed = guardOverridesSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

/** What the instance row counts so far (read under the instance lock). */
export interface GuardCounters {
  transitionCount: number;
  /** Start of the current one-minute window in epoch ms; null before the first transition. */
  minuteStartedMs: number | null;
  minuteTransitions: number;
  taskCount: number;
}

/** The counter columns after an applied event: deltas for the totals, the window restated. */
export interface GuardAdvance {
  transitions: number;
  tasks: number;
  minuteStartedAt: Date;
  minuteTransitions: number;
}

export interface GuardTrip {
  guard: GuardName;
  limit: number;
  value: number;
  message: string;
}

function describe(guard: GuardName, value: number, limit: number): string {
  switch (guard) {
    case 'transitionsPerMinute':
      return `runaway guard transitionsPerMinute: ${value} transitions within one minute exceed the limit of ${limit}`;
    case 'transitions':
      return `runaway guard transitions: ${value} transitions in total exceed the limit of ${limit}`;
    case 'tasks':
      return `runaway guard tasks: ${value} tasks created in total exceed the limit of ${limit}`;
    case 'contextBytes':
      return `runaway guard contextBytes: a context of ${value} bytes exceeds the limit of ${limit}`;
  }
}

/**
 * Decides whether one more applied event (creating `tasks` tasks and leaving a context of `contextBytes`) keeps the
 * instance inside its guards. Pure: the caller holds the instance lock and writes the advance or the trip.
 */
export function checkGuards(
  counters: GuardCounters,
  limits: GuardLimits,
  step: { tasks: number; contextBytes: number },
  now: Date,
): { trip?: GuardTrip; advance: GuardAdvance } {
  const windowOpen = counters.minuteStartedMs !== null && now.getTime() - counters.minuteStartedMs < WINDOW_MS;
  const advance: GuardAdvance = {
    transitions: 1,
    tasks: step.tasks,
    minuteStartedAt: windowOpen ? new Date(counters.minuteStartedMs!) : now,
    minuteTransitions: (windowOpen ? counters.minuteTransitions : 0) + 1,
  };
  const figures: [GuardName, number][] = [
    ['transitionsPerMinute', advance.minuteTransitions],
    ['transitions', counters.transitionCount + 1],
    ['tasks', counters.taskCount + step.tasks],
    ['contextBytes', step.contextBytes],
  ];
  for (const [guard, value] of figures) {
    const limit = limits[guard];
    if (value > limit) return { advance, trip: { guard, limit, value, message: describe(guard, value, limit) } };
  }
  return { advance };
}

/** The limits for one instance: the worker's defaults with what an operator raised for it on top. */
export function limitsFor(defaults: GuardLimits, overrides: unknown): GuardLimits {
  return { ...defaults, ...parseGuardOverrides(overrides) };
}
