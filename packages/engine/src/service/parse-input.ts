import type { z } from 'zod';
import { describeInputProblems } from '../contracts/input-problems';
import { EngineError } from '../errors';

/** Validates service input; the error names every bad field and what was expected. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { summary, details } = describeInputProblems(parsed.error);
  throw new EngineError('BAD_INPUT', summary, details);
}
