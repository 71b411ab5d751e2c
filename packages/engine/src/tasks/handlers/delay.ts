import { DELAY_TASK } from '../../contracts/events';
import { delayInputSchema } from '../../contracts/task-inputs';
import { parseTaskInput } from '../input';
import type { TaskHandler } from '../registry';

/** NOOP: succeeds at once and echoes its input as output. */
export const noopHandler: TaskHandler = async (input) => input;

/** DELAY: by the time it runs it has waited `ms` as a timer (store/apply-event.ts timerDelayMs); it succeeds at once. */
export const delayHandler: TaskHandler = async (rawInput) => {
  const input = parseTaskInput(delayInputSchema, rawInput, DELAY_TASK);
  return { sleptMs: input.ms };
};
