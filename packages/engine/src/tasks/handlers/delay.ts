import { z } from 'zod';
import type { JsonValue } from '../../json';
import { parseTaskInput } from '../input';
import type { TaskHandler } from '../registry';

/** NOOP: succeeds at once and echoes its input as output. */
export const noopHandler: TaskHandler = async (input) => input;

export const DELAY_TASK = 'DELAY';

const delayInputSchema = z.object({ ms: z.number().int().min(0).max(3_600_000) }).passthrough();

/**
 * How long a task must wait before it runs, on top of its runAt: a DELAY task's `ms`. The wait is a delayed job
 * (the task stays queued with nextRunAt in the future), so a long DELAY holds no worker slot. Bad input waits
 * nothing; the handler then fails the task with the reason.
 */
export function timerDelayMs(type: string, input: JsonValue): number {
  if (type !== DELAY_TASK) return 0;
  const parsed = delayInputSchema.safeParse(input);
  return parsed.success ? parsed.data.ms : 0;
}

/** DELAY: by the time it runs it has waited `ms` as a timer (timerDelayMs); it succeeds at once. */
export const delayHandler: TaskHandler = async (rawInput) => {
  const input = parseTaskInput(delayInputSchema, rawInput, DELAY_TASK);
  return { sleptMs: input.ms };
};
