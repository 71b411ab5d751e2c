import { STATUS_CODES } from 'node:http';
import { Agent, request, type Dispatcher } from 'undici';
import { EgressError } from './errors';
import { createGuardedConnector } from './guarded-connector';
import { hostMatches } from './operator-allowlist';
import { formatBytes, type EgressPolicy } from './policy';

export interface EgressRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /**
   * The tenant's host allowlist: when non-empty, only these hosts (`api.example.com`, `*.example.com`) may be
   * called, on every hop. It narrows what the deployment allows; it can never open a private address.
   */
  allowedHosts?: readonly string[];
}

export interface EgressResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
  redirects: number;
}

/** One door for every outbound call the worker makes on a spec's behalf. */
export interface EgressClient {
  readonly policy: EgressPolicy;
  fetch(request: EgressRequest): Promise<EgressResponse>;
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Credentials meant for one origin are not handed to another one a redirect points at (as fetch does).
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

function parseUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new EgressError('EGRESS_BAD_URL', `"${raw}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new EgressError('EGRESS_SCHEME', `${url.protocol} URLs are not allowed; only http: and https:`);
  if (url.username || url.password)
    throw new EgressError(
      'EGRESS_BAD_URL',
      'URLs with credentials (user:password@) are not allowed; send an Authorization header instead',
    );
  return url;
}

function checkTenantHosts(url: URL, allowedHosts: readonly string[] | undefined): void {
  if (!allowedHosts || allowedHosts.length === 0) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (allowedHosts.some((pattern) => hostMatches(pattern.toLowerCase(), host))) return;
  throw new EgressError(
    'EGRESS_DENIED',
    `${host} is not in this tenant's egress allowlist (${allowedHosts.join(', ')})`,
  );
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

/** Reads a body up to `cap` bytes; stops reading and fails as soon as it is over, so memory stays bounded. */
async function readCapped(response: Dispatcher.ResponseData, cap: number, url: URL): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  const tooLarge = () =>
    new EgressError(
      'EGRESS_TOO_LARGE',
      `the response from ${url.host} is larger than the ${formatBytes(cap)} response cap (EGRESS_MAX_RESPONSE_BYTES)`,
    );
  if (Number.isFinite(declared) && declared > cap) {
    response.body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > cap) {
      response.body.destroy();
      throw tooLarge();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

function nextRequest(
  status: number,
  current: { method: string; headers: Record<string, string>; body?: string },
  from: URL,
  to: URL,
) {
  // 303 always becomes a GET; 301/302 turn a POST into a GET (what browsers and fetch do); 307/308 keep both.
  const becomesGet =
    status === 303 ? current.method !== 'HEAD' : (status === 301 || status === 302) && current.method === 'POST';
  const headers = { ...current.headers };
  if (becomesGet) for (const name of Object.keys(headers)) if (/^content-/i.test(name)) delete headers[name];
  if (from.origin !== to.origin)
    for (const name of Object.keys(headers))
      if (ORIGIN_BOUND_HEADERS.includes(name.toLowerCase())) delete headers[name];
  return { method: becomesGet ? 'GET' : current.method, headers, body: becomesGet ? undefined : current.body };
}

/** Builds the egress client for a policy: a guarded connection pool plus manual, re-checked redirects. */
export function createEgressClient(policy: EgressPolicy): EgressClient {
  const agent = new Agent({ connect: createGuardedConnector(policy) });
  return {
    policy,
    async fetch(input) {
      let url = parseUrl(input.url);
      let current = { method: input.method.toUpperCase(), headers: { ...(input.headers ?? {}) }, body: input.body };
      for (let redirects = 0; ; redirects++) {
        checkTenantHosts(url, input.allowedHosts);
        const response = await request(url, {
          method: current.method,
          headers: current.headers,
          body: current.body,
          signal: input.signal,
          dispatcher: agent,
        });
        const location = response.headers.location;
        if (REDIRECTS.has(response.statusCode) && typeof location === 'string') {
          await response.body.dump();
          if (redirects >= policy.maxRedirects)
            throw new EgressError(
              'EGRESS_REDIRECTS',
              `more than ${policy.maxRedirects} redirects (EGRESS_MAX_REDIRECTS); the last pointed at ${location}`,
            );
          const next = parseUrl(location, url);
          current = nextRequest(response.statusCode, current, url, next);
          url = next;
          continue;
        }
        const body = await readCapped(response, policy.maxResponseBytes, url);
        return {
          status: response.statusCode,
          statusText: STATUS_CODES[response.statusCode] ?? '',
          headers: flattenHeaders(response.headers),
          body,
          url: url.toString(),
          redirects,
        };
      }
    },
    close: () => agent.close(),
  };
}
