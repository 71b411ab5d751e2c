import type { z } from 'zod';
import { NonRetriableTaskError } from './registry';

/** Parses a handler's input; bad input can never succeed on retry, so it fails the task at once. */
export function parseTaskInput<T extends z.ZodType>(schema: T, input: unknown, taskType: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `input.${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new NonRetriableTaskError(`${taskType} task input is invalid: ${problems.join('; ')}`);
}
