import type { QueueName } from '../contracts/jobs';

// Redis Cluster runs a script only when every key it touches hashes to one slot; a key's slot is decided by the
// part in braces (its hash tag), when there is one. BullMQ's scripts touch many keys of one queue, Switchyard's
// fair-share script touches a tenant's slot set and the active-tenant set together. So each queue gets its own tag
// (its keys stay together, and the two queues may sit on different masters: BullMQ's advice), and Switchyard's own
// keys share the deployment's tag. On a single Redis the braces are just part of the key name.

export const DEFAULT_QUEUE_PREFIX = 'bull';

/** BullMQ's `prefix` for one queue: `{<deployment prefix>:<queue>}`. */
export function queueKeyPrefix(prefix: string | undefined, queue: QueueName): string {
  return `{${prefix ?? DEFAULT_QUEUE_PREFIX}:${queue}}`;
}

/** The start of every key Switchyard writes itself (tenant slots, active tenants): `{<deployment prefix>}`. */
export function switchyardKeyPrefix(prefix: string | undefined): string {
  return `{${prefix ?? DEFAULT_QUEUE_PREFIX}}`;
}
