// Egress: the one door for outbound calls made on a spec's behalf (the HTTP task today, webhooks later).
export { classifyAddress, type AddressClass } from './address-class';
export { createEgressClient, type EgressClient, type EgressRequest, type EgressResponse } from './egress-fetch';
export { EgressError, isEgressError, type EgressErrorCode } from './errors';
export { parseOperatorAllowlist, parseAllowEntry, hostMatches, type AllowEntry } from './operator-allowlist';
export { defaultEgressPolicy, formatBytes, type EgressPolicy, type LookupAll } from './policy';
export { validateTenantHost } from './tenant-hosts';
