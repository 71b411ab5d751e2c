// Errors of the HTTP API as RFC 9457 problem details (`application/problem+json`): a stable `type` per kind of
// refusal, the engine's `code`, a sentence for a person (`detail`) and, for bad input, every field at fault.
import type { EngineErrorCode } from '@switchyard/engine';
import { z } from 'zod';

export type ProblemCode =
  EngineErrorCode | 'METHOD_NOT_ALLOWED' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'TOO_MANY_REQUESTS';

const problems: Record<ProblemCode, { status: number; title: string }> = {
  BAD_INPUT: { status: 400, title: 'Bad input' },
  SPEC_INVALID: { status: 400, title: 'Invalid spec' },
  UNAUTHORIZED: { status: 401, title: 'Unauthorized' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  POLICY_VIOLATION: { status: 403, title: 'Refused by policy' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  TOO_MANY_REQUESTS: { status: 429, title: 'Too many requests' },
  HANDLER_MISSING: { status: 500, title: 'Internal error' },
  INTERNAL: { status: 500, title: 'Internal error' },
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `urn:switchyard:problem:bad-input`: stable identifiers a program can switch on. */
export const problemType = (code: ProblemCode) => `urn:switchyard:problem:${code.toLowerCase().replaceAll('_', '-')}`;

export const problemField = z
  .object({
    field: z.string().meta({
      description: 'Where the value is: `body.<path>`, `query.<name>`, `path.<name>` or `header.<name>`.',
      example: 'body.definitionKey',
    }),
    message: z.string().meta({ description: 'What was expected.' }),
    code: z.string().optional(),
  })
  .meta({ id: 'ProblemField' });

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URI naming the kind of problem.', example: problemType('BAD_INPUT') }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: 'What went wrong, for a person to act on.' }),
    instance: z.string().optional().meta({ description: 'The request path.' }),
    code: z.string().meta({ description: 'The engine error code, e.g. BAD_INPUT, NOT_FOUND, CONFLICT.' }),
    errors: z.array(problemField).optional().meta({ description: 'Each field at fault (bad input).' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

export type Problem = z.infer<typeof problemSchema>;
export type ProblemField = z.infer<typeof problemField>;

export const statusOf = (code: ProblemCode) => problems[code].status;

export function problem(
  code: ProblemCode,
  detail: string,
  extra: { instance?: string; errors?: ProblemField[]; headers?: Record<string, string> } = {},
): Response {
  const { status, title } = problems[code];
  const body: Problem = {
    type: problemType(code),
    title,
    status,
    detail,
    ...(extra.instance ? { instance: extra.instance } : {}),
    code,
    ...(extra.errors?.length ? { errors: extra.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...extra.headers },
  });
}

/** The statuses an operation may answer with a problem, for its OpenAPI responses. */
export const problemStatuses = [400, 401, 403, 404, 405, 409, 413, 415, 429, 500] as const;
