import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { parseAddress } from './address-class';

/** One EGRESS_ALLOW entry: a network (an IP is a /32 or /128) or a host name, optionally on one port. */
export type AllowEntry =
  | { kind: 'network'; text: string; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port?: number }
  | { kind: 'host'; text: string; host: string; port?: number };

/** What one connection is about to reach: the name asked for, the address it resolved to, the port. */
export interface Destination {
  hostname: string;
  address: string;
  port: number;
}

function parsePort(text: string, entry: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`EGRESS_ALLOW entry "${entry}": "${text}" is not a port (1-65535)`);
  return port;
}

function splitPort(entry: string): { host: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1]!, ...(bracketed[2] ? { port: parsePort(bracketed[2], entry) } : {}) };
  // A bare IPv6 address (or CIDR) has several colons and no port.
  if ((entry.match(/:/g) ?? []).length > 1) return { host: entry };
  const [host, port] = entry.split(':');
  return { host: host!, ...(port !== undefined ? { port: parsePort(port, entry) } : {}) };
}

const hostPattern = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** Parses one entry: `10.0.0.0/8`, `127.0.0.1:4010`, `[::1]:8080`, `fd00::/8`, `hooks.internal`, `*.corp.example:443`. */
export function parseAllowEntry(raw: string): AllowEntry {
  const text = raw.trim().toLowerCase();
  if (text.includes('://'))
    throw new Error(
      `EGRESS_ALLOW entry "${raw}" is a URL; expected an IP, a CIDR range or a host name, each with an optional :port`,
    );
  const { host, port } = splitPort(text);
  const withPort = port !== undefined ? { port } : {};
  if (host.includes('/')) {
    if (!ipaddr.isValidCIDR(host))
      throw new Error(`EGRESS_ALLOW entry "${raw}" is not a valid CIDR range (e.g. 10.0.0.0/8)`);
    return { kind: 'network', text, range: ipaddr.parseCIDR(host), ...withPort };
  }
  const family = isIP(host);
  if (family !== 0) {
    const address = parseAddress(host);
    return { kind: 'network', text, range: [address, address.kind() === 'ipv4' ? 32 : 128], ...withPort };
  }
  if (!hostPattern.test(host))
    throw new Error(`EGRESS_ALLOW entry "${raw}" is neither an IP, a CIDR range nor a host name`);
  return { kind: 'host', text, host, ...withPort };
}

/** Parses EGRESS_ALLOW: entries separated by commas or whitespace; an empty value allows nothing private. */
export function parseOperatorAllowlist(value: string | undefined): AllowEntry[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(parseAllowEntry);
}

/** True when a host name matches a pattern: equal, or under a `*.` wildcard (which does not match the bare domain). */
export function hostMatches(pattern: string, hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1));
  return name === pattern;
}

function entryMatches(entry: AllowEntry, destination: Destination): boolean {
  if (entry.port !== undefined && entry.port !== destination.port) return false;
  if (entry.kind === 'host') return hostMatches(entry.host, destination.hostname);
  const address = parseAddress(destination.address);
  const [network, bits] = entry.range;
  return address.kind() === network.kind() && address.match(network, bits);
}

/** The allowlist entry that opens this destination, if any. */
export function findAllowEntry(entries: readonly AllowEntry[], destination: Destination): AllowEntry | undefined {
  return entries.find((entry) => entryMatches(entry, destination));
}
