import type { Engine } from '@switchyard/engine';

export const TENANT_HEADER = 'x-switchyard-tenant';
export const TENANT_COOKIE = 'switchyard-tenant';
export const DEFAULT_TENANT = 'demo';

export interface TrpcContext {
  engine: Engine;
  headers: Headers;
}

/** Built per request by the route handler, and by tests with their own engine and headers. */
export function createTrpcContext(opts: { engine: Engine; headers: Headers }): TrpcContext {
  return { engine: opts.engine, headers: opts.headers };
}

function readCookie(headers: Headers, name: string): string | undefined {
  const raw = headers.get('cookie');
  if (!raw) return undefined;
  for (const part of raw.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The tenant a request speaks for: the header wins over the cookie; `demo` until auth lands. */
export function tenantFromHeaders(headers: Headers): string {
  const value = headers.get(TENANT_HEADER)?.trim() || readCookie(headers, TENANT_COOKIE)?.trim();
  return value || DEFAULT_TENANT;
}
