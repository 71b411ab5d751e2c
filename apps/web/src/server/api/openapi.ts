// The OpenAPI 3.1 document, generated from the operations and their zod schemas (zod-openapi renders zod 4's
// own JSON Schema), never written by hand: what the document says is what the handler validates.
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { operations } from './operations';
import { PROBLEM_CONTENT_TYPE, problemSchema, problemStatuses } from './problem';

const problemDescriptions: Record<(typeof problemStatuses)[number], string> = {
  400: 'Bad input: `errors` names each field and what was expected.',
  401: 'No API token, or one that is unknown or revoked.',
  403: 'The token’s role is too low for this operation.',
  404: 'Not found in the token’s tenant (another tenant’s rows are not found, never forbidden).',
  405: 'The path exists; the method does not.',
  409: 'Conflict: e.g. a finished instance, or a business key that started something else.',
  413: 'The request body is over LIMIT_API_BODY_BYTES.',
  415: 'The body is not JSON.',
  429: 'A request-rate limit of the token or its tenant is spent (RATE_LIMIT_*): `detail` names it; retry after `Retry-After` seconds.',
  500: 'Internal error; the server log has the reference.',
};

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument(): ReturnType<typeof createDocument> {
  cached ??= build();
  return cached;
}

function build(): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of operations) {
    const success = Object.fromEntries(
      op.responses.map((r) => [
        String(r.status),
        { description: r.description, content: { 'application/json': { schema: op.response } } },
      ]),
    );
    const failures = Object.fromEntries(
      problemStatuses
        .filter((s) => (s !== 413 && s !== 415 ? true : Boolean(op.body)))
        .map((s) => [String(s), { $ref: `#/components/responses/Problem${s}` }]),
    );
    const operation: ZodOpenApiOperationObject = {
      operationId: op.id,
      summary: op.summary,
      description: `${op.description}\n\nNeeds the **${op.role}** role.`,
      tags: [op.tag],
      'x-switchyard-role': op.role,
      ...(op.params || op.query
        ? { requestParams: { ...(op.params ? { path: op.params } : {}), ...(op.query ? { query: op.query } : {}) } }
        : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
      responses: { ...success, ...failures },
    };
    paths[op.path] = { ...paths[op.path], [op.method]: operation };
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Switchyard API',
        version: '1.0.0',
        description:
          'Start instances, send events, read instances and their timelines, cancel, retry tasks and list ' +
          'definitions. Authenticate with an API token (`Authorization: Bearer sy_…`, created by an admin under ' +
          '*Members & tokens*); it acts in its tenant with the lower of its role and its creator’s. Errors are RFC ' +
          '9457 problem details (`application/problem+json`).',
      },
      servers: [{ url: '/api/v1' }],
      security: [{ bearer: [] }],
      tags: [
        { name: 'Instances', description: 'Workflow instances: start, events, state and timeline.' },
        { name: 'Tasks', description: 'Task attempts of an instance.' },
        { name: 'Definitions', description: 'Published workflow definitions.' },
      ],
      paths,
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token: `sy_…`.' },
        },
        responses: Object.fromEntries(
          problemStatuses.map((s) => [
            `Problem${s}`,
            { description: problemDescriptions[s], content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } },
          ]),
        ),
      },
    },
    {
      // The console's output schemas turn Dates into ISO strings with a transform; on the wire they are strings.
      override: ({ jsonSchema, zodSchema, io }) => {
        const def = zodSchema._zod.def as { type: string; in?: { _zod: { def: { type: string } } } };
        if (io === 'output' && def.type === 'pipe' && def.in?._zod.def.type === 'date') {
          jsonSchema.type = 'string';
          jsonSchema.format = 'date-time';
        }
      },
    },
  );
}
