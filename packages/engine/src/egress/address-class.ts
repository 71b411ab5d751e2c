import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Where an address points, in ipaddr.js's names ("loopback", "private", "ipv4Mapped", ...) or "unicast". */
export interface AddressClass {
  address: string;
  /** ipaddr.js's range name; only "unicast" is public Internet. */
  range: string;
  /** True for the public Internet; everything else is refused unless the operator allowlists it. */
  public: boolean;
}

/**
 * Classifies one resolved IP address. Anything ipaddr.js does not call plain `unicast` is private to someone:
 * loopback, RFC 1918, link-local (which holds 169.254.169.254, the cloud metadata service), CGNAT, multicast,
 * unspecified, broadcast, IPv6 ULA (fd00:ec2::254 is AWS's IPv6 metadata address), IPv4-mapped IPv6 and the
 * translation prefixes (6to4, Teredo, NAT64) that can carry a private IPv4 inside a v6 address.
 */
export function classifyAddress(address: string): AddressClass {
  if (isIP(address) === 0) return { address, range: 'not-an-ip', public: false };
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  return { address, range, public: range === 'unicast' };
}

/** Parses an IP the way the connection will see it: an IPv4-mapped IPv6 address counts as its IPv4. */
export function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  return ipaddr.process(address);
}
