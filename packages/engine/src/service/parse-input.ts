import type { z } from 'zod';
import { EngineError } from '../errors';

/** Validates service input; the error names every bad field and what was expected. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    path: issue.path.join('.') || '(input)',
    message: issue.message,
    code: issue.code,
  }));
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  throw new EngineError('BAD_INPUT', `invalid input: ${summary}`, details);
}
