import { isIP } from 'node:net';

const hostPattern = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Checks one entry of a tenant's host allowlist and returns it normalised (lower case), or a sentence saying
 * what was expected. Entries are host names (`api.example.com`), wildcards (`*.example.com`) or IP addresses.
 */
export function validateTenantHost(raw: string): { ok: true; host: string } | { ok: false; message: string } {
  const host = raw.trim().toLowerCase().replace(/\.$/, '');
  if (host.length === 0) return { ok: false, message: 'expected a host name, e.g. api.example.com' };
  if (host.length > 253)
    return { ok: false, message: `a host name has at most 253 characters; this one has ${host.length}` };
  if (isIP(host) !== 0 || hostPattern.test(host)) return { ok: true, host };
  return {
    ok: false,
    message: `"${raw}" is not a host name; expected e.g. api.example.com or *.example.com (no scheme, path or port)`,
  };
}
