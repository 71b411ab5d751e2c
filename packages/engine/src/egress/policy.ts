import type { AllowEntry } from './operator-allowlist';

/** Resolves a host name to every address it has (tests inject one to play a rebinding DNS server). */
export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** The deployment's egress policy: what the worker may reach on a spec's behalf. */
export interface EgressPolicy {
  /** EGRESS_ALLOW: the only way to reach loopback, private, link-local and other non-public addresses. */
  allow: readonly AllowEntry[];
  /** Largest response body read, in bytes; a longer one fails the call (EGRESS_MAX_RESPONSE_BYTES). */
  maxResponseBytes: number;
  /** Redirects followed per call, each re-checked (EGRESS_MAX_REDIRECTS). */
  maxRedirects: number;
  lookup?: LookupAll;
}

export const defaultEgressPolicy: EgressPolicy = { allow: [], maxResponseBytes: 1024 * 1024, maxRedirects: 5 };

/** Host names that mean "the cloud metadata service" whatever they resolve to; never reachable. */
export const METADATA_HOSTNAMES: readonly string[] = [
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.com',
];

/** Formats a byte count for an error a person reads: "1 MiB", "256 KiB", "1500 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
