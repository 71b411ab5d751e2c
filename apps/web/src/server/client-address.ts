import ipaddr from 'ipaddr.js';

/**
 * The header our own server (apps/web/server.mjs) writes with the TCP peer's address, replacing whatever a
 * client sent under that name. The app believes it only when that server says it is running (the global flag).
 */
export const PEER_HEADER = 'x-switchyard-peer';
const holder = globalThis as typeof globalThis & { __switchyardPeerHeader?: string };

/** Addresses of one IPv6 /64 belong to one client (a home or a VM gets a whole /64), as do v4-mapped forms. */
function normalize(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}

/**
 * Where a request came from, for throttling. Without trusted proxies it is the connection's address and
 * X-Forwarded-For is ignored (anyone can write it). With `trustProxyHops` = N, it is the address the Nth
 * proxy from us saw, i.e. the Nth entry of X-Forwarded-For counted from the right.
 * "unknown" when neither is available (e.g. `next dev`): such requests then share one budget.
 */
export function clientAddress(headers: Headers, trustProxyHops: number): string {
  const peer = holder.__switchyardPeerHeader === PEER_HEADER ? headers.get(PEER_HEADER) : null;
  if (trustProxyHops > 0) {
    const chain = (headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .reverse();
    const forwarded = chain[Math.min(trustProxyHops, chain.length) - 1];
    const address = forwarded ? normalize(forwarded) : null;
    if (address) return address;
  }
  return (peer && normalize(peer)) ?? 'unknown';
}

/** For tests and the custom server: declares that PEER_HEADER is written by our server, not by clients. */
export function trustPeerHeader(): void {
  holder.__switchyardPeerHeader = PEER_HEADER;
}
