import type { z } from 'zod';

export interface InputProblem {
  path: string;
  message: string;
  code: string;
}

/**
 * Bad input said the one way, wherever it was caught (the engine's service or the console's router): every bad
 * field with what was expected, and a one-line summary of them for the message.
 */
export function describeInputProblems(error: z.ZodError): { summary: string; details: InputProblem[] } {
  const details = error.issues.map((issue) => ({
    path: issue.path.join('.') || '(input)',
    message: issue.message,
    code: issue.code,
  }));
  return { summary: `invalid input: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details };
}
