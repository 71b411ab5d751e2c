import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { classifyAddress } from './address-class';
import { EgressError } from './errors';
import { findAllowEntry } from './operator-allowlist';
import { METADATA_HOSTNAMES, type EgressPolicy, type LookupAll } from './policy';

const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

/**
 * Decides one connection: resolves the host, checks EVERY address it resolved to, and returns the one to
 * connect to. The socket is then opened to that exact address, so a DNS answer that changes between the
 * check and the connect (rebinding) cannot slip another address in.
 */
export async function resolveAllowedAddress(policy: EgressPolicy, hostname: string, port: number): Promise<string> {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (METADATA_HOSTNAMES.includes(name))
    throw new EgressError(
      'EGRESS_DENIED',
      `${hostname} is a cloud metadata service; the egress policy never allows it`,
    );
  const addresses = isIP(name) !== 0 ? [name] : (await (policy.lookup ?? systemLookup)(name)).map((a) => a.address);
  if (addresses.length === 0) throw new EgressError('EGRESS_DENIED', `${hostname} did not resolve to any address`);
  for (const address of addresses) {
    const verdict = classifyAddress(address);
    if (verdict.public) continue;
    if (findAllowEntry(policy.allow, { hostname: name, address, port })) continue;
    const shown = address === name ? address : `${hostname} (resolves to ${address})`;
    throw new EgressError(
      'EGRESS_DENIED',
      `${shown}:${port} is a ${verdict.range} address; the egress policy allows only public addresses and the EGRESS_ALLOW list`,
    );
  }
  return addresses[0]!;
}

/** An undici connector that runs every new connection through the egress policy before opening it. */
export function createGuardedConnector(policy: EgressPolicy): buildConnector.connector {
  const connect = buildConnector({});
  return (options, callback) => {
    const port = options.port ? Number(options.port) : defaultPort(options.protocol);
    resolveAllowedAddress(policy, options.hostname, port).then(
      // `host` keeps the name, so TLS still sends it as SNI and checks the certificate against it.
      (address) =>
        connect(
          {
            ...options,
            hostname: address,
            servername: options.servername ?? (isIP(options.hostname) === 0 ? options.hostname : undefined),
          },
          callback,
        ),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}
