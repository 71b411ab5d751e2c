import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { parseTaskInput } from '../input';
import type { TaskHandler } from '../registry';

/** NOOP: succeeds at once and echoes its input as output. */
export const noopHandler: TaskHandler = async (input) => input;

const delayInputSchema = z.object({ ms: z.number().int().min(0).max(3_600_000) }).passthrough();

/** DELAY: waits `ms` milliseconds (abortable on shutdown), then succeeds. */
export const delayHandler: TaskHandler = async (rawInput, context) => {
  const input = parseTaskInput(delayInputSchema, rawInput, 'DELAY');
  await sleep(input.ms, undefined, { signal: context.signal });
  return { sleptMs: input.ms };
};
