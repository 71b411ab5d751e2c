// The HTTP API's door: finds the operation, authenticates the Bearer token, applies the tenant and role rules
// the console uses, reads the body within its cap, validates path, query and body, calls the service, and answers
// JSON — or a problem (RFC 9457) naming what was wrong.
import { authenticateApiToken, isEngineError, type Engine, type ErrorDetail } from '@switchyard/engine';
import { formatSize } from '@switchyard/engine/limits';
import { ZodArray, ZodOptional, type z } from 'zod';
import { errorRef } from '../error-ref';
import { credentialKey, RateLimitExceeded, type RequestRateLimiter } from '../rate-limits';
import { readCapped } from '../request-limits';
import { AccessError, authorize } from '../tenant-access';
import { openApiDocument } from './openapi';
import { operations, type Operation } from './operations';
import { problem, type ProblemCode, type ProblemField } from './problem';

export const API_BASE = '/api/v1';

export interface ApiDeps {
  engine: Engine;
  /** LIMIT_API_BODY_BYTES. */
  maxBodyBytes: number;
  /** The request-rate budgets (RATE_LIMIT_*): GET spends a read, every other method a write. */
  rateLimiter: RequestRateLimiter;
  /** Where a 500's cause goes (with the reference the client was given). */
  logError?: (line: string, cause: unknown) => void;
}

type Match = { op: Operation; params: Record<string, string> };

function matchPath(template: string, path: string): Record<string, string> | null {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i]!;
    if (part.startsWith('{')) {
      if (!value) return null;
      params[part.slice(1, -1)] = decodeURIComponent(value);
    } else if (part !== value) return null;
  }
  return params;
}

function route(method: string, path: string): Match | { allow: string[] } | null {
  const allow: string[] = [];
  for (const op of operations) {
    const params = matchPath(op.path, path);
    if (!params) continue;
    if (op.method === method.toLowerCase()) return { op, params };
    allow.push(op.method.toUpperCase());
  }
  return allow.length ? { allow } : null;
}

/** A request refused before it reached the service; answered as a problem naming the field. */
class Refusal extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors: ProblemField[],
  ) {
    super(detail);
  }
}

function fieldsOf(where: 'path' | 'query' | 'body', error: z.ZodError): ProblemField[] {
  return error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

/** Service details name the service's input fields; say where each one was in the request. */
function locate(op: Operation, details: ErrorDetail[]): ProblemField[] {
  return details.map((d) => {
    const head = d.path.split('.')[0] ?? '';
    const where = op.params?.shape[head]
      ? 'path'
      : op.body?.shape[head]
        ? 'body'
        : op.query?.shape[head]
          ? 'query'
          : null;
    return { field: where ? `${where}.${d.path}` : d.path, message: d.message, ...(d.code ? { code: d.code } : {}) };
  });
}

function queryObject(op: Operation, params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const schema: unknown = op.query?.shape[key];
    const isList = schema instanceof ZodOptional && schema.unwrap() instanceof ZodArray;
    out[key] = isList ? params.getAll(key) : params.get(key);
  }
  return out;
}

async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type))
    throw new Refusal(
      'UNSUPPORTED_MEDIA_TYPE',
      `send the body as JSON (content-type: application/json), not "${type.slice(0, 80)}"`,
      [{ field: 'header.content-type', message: 'expected application/json' }],
    );
  const tooLarge = (size: string) =>
    new Refusal(
      'PAYLOAD_TOO_LARGE',
      `the request body is ${size}; the limit is ${formatSize(maxBytes)} (LIMIT_API_BODY_BYTES)`,
      [{ field: 'body', message: `at most ${formatSize(maxBytes)}`, code: 'LIMIT_EXCEEDED' }],
    );
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(`${formatSize(declared)} (${declared} bytes)`);
  const bytes = req.body ? await readCapped(req.body, maxBytes) : new Uint8Array();
  if (!bytes) throw tooLarge(`larger than ${formatSize(maxBytes)}`);
  const text = new TextDecoder().decode(bytes);
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Refusal('BAD_INPUT', `the request body is not valid JSON: ${why}`, [
      { field: 'body', message: `expected JSON: ${why}`, code: 'invalid_json' },
    ]);
  }
}

function parsePart<T extends z.ZodType>(schema: T, value: unknown, where: 'path' | 'query' | 'body'): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = fieldsOf(where, parsed.error);
  throw new Refusal(
    'BAD_INPUT',
    `invalid ${where}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    errors,
  );
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Serves every request under /api/v1 (the Next route calls this; tests call it directly). */
export async function handleApiRequest(req: Request, deps: ApiDeps): Promise<Response> {
  const url = new URL(req.url);
  const instance = url.pathname;
  const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) || '/' : url.pathname;
  if (path === '/openapi.json' && req.method === 'GET')
    return json(200, openApiDocument(), { 'cache-control': 'no-cache' });
  const found = route(req.method, path);
  if (!found)
    return problem('NOT_FOUND', `no API operation at ${req.method} ${instance}; see ${API_BASE}/openapi.json`, {
      instance,
    });
  if ('allow' in found)
    return problem('METHOD_NOT_ALLOWED', `${instance} answers ${found.allow.join(', ')}, not ${req.method}`, {
      instance,
      headers: { allow: found.allow.join(', ') },
    });
  const { op, params } = found;
  try {
    const authorization = req.headers.get('authorization') ?? '';
    const bearer = /^bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
    const principal = bearer ? await authenticateApiToken(deps.engine.deps, bearer) : null;
    if (!principal)
      return problem(
        'UNAUTHORIZED',
        bearer
          ? 'this API token is not valid: unknown, revoked, or its creator left the tenant'
          : 'send an API token as Authorization: Bearer sy_… (an admin creates one under Members & tokens)',
        { instance, headers: { 'www-authenticate': 'Bearer realm="switchyard"' } },
      );
    const { tenant } = authorize({ kind: 'token', ...principal }, req.headers, op.role);
    const kind = op.method === 'get' ? 'reads' : 'writes';
    await deps.rateLimiter.chargeCredential(credentialKey({ kind: 'token' }, req.headers), kind);
    await deps.rateLimiter.chargeTenant(tenant.tenantId, kind);
    const call = {
      service: deps.engine.service,
      tenant,
      headers: req.headers,
      url,
      params: op.params ? parsePart(op.params, params, 'path') : undefined,
      query: op.query ? parsePart(op.query, queryObject(op, url.searchParams), 'query') : undefined,
      body: op.body ? parsePart(op.body, await readJsonBody(req, deps.maxBodyBytes), 'body') : undefined,
    };
    const answer = await op.run(call);
    const status = answer.status ?? op.responses[0]!.status;
    return json(status, op.response.parse(answer.body), answer.headers);
  } catch (error) {
    if (error instanceof Refusal) return problem(error.code, error.detail, { instance, errors: error.errors });
    if (error instanceof AccessError) return problem(error.code, error.message, { instance });
    if (error instanceof RateLimitExceeded)
      return problem('TOO_MANY_REQUESTS', error.message, {
        instance,
        errors: [
          { field: 'header.authorization', message: `at most ${error.figure} (${error.limit})`, code: 'RATE_LIMITED' },
        ],
        headers: { 'retry-after': String(error.retryAfterSeconds) },
      });
    if (isEngineError(error) && error.code !== 'INTERNAL' && error.code !== 'HANDLER_MISSING')
      return problem(error.code, error.message, { instance, errors: locate(op, error.details) });
    const ref = errorRef(error instanceof Error ? error : new Error(String(error)));
    (deps.logError ?? ((line, cause) => console.error(line, cause)))(`API ${op.id} failed (ref ${ref}):`, error);
    return problem('INTERNAL', `internal error (ref ${ref})`, { instance });
  }
}
