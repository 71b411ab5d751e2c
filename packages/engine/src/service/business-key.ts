// Idempotent start: one instance per (tenant, definition key, business key), enforced by a unique index so that
// concurrent starts cannot both create one. A repeated start returns the existing instance, but only when it
// asks for the same thing: a different version or input is refused rather than silently ignored.
import type { TenantContext } from '../contracts/actor';
import { EngineError } from '../errors';
import type { JsonValue } from '../json';
import type { EngineDeps } from '../deps/engine-deps';
import { jsonEqual } from '../spec';

export interface ExistingStart {
  instanceId: string;
  created: false;
  definitionVersion: number;
  status: string;
}

/** The instance already started with this business key, or null. */
export async function findStarted(
  deps: EngineDeps,
  ctx: TenantContext,
  definitionKey: string,
  businessKey: string,
): Promise<(ExistingStart & { input: JsonValue | null }) | null> {
  const row = await deps.prisma.workflowInstance.findFirst({
    where: { tenantId: ctx.tenantId, definitionKey, businessKey },
    select: { id: true, definitionVersion: true, status: true, input: true },
  });
  return row
    ? {
        instanceId: row.id,
        created: false,
        definitionVersion: row.definitionVersion,
        status: row.status,
        input: (row.input ?? null) as JsonValue | null,
      }
    : null;
}

/**
 * Returns the existing instance for a repeated start, or throws CONFLICT naming what differs: the version asked
 * for (when one was) or the input (a missing input counts as {}).
 */
export function sameStartOrConflict(
  existing: ExistingStart & { input: JsonValue | null },
  request: { definitionKey: string; businessKey: string; version?: number; input?: Record<string, unknown> },
): ExistingStart {
  const started = `business key "${request.businessKey}" already started instance ${existing.instanceId} (${request.definitionKey} v${existing.definitionVersion}, ${existing.status})`;
  if (request.version !== undefined && request.version !== existing.definitionVersion) {
    throw new EngineError('CONFLICT', `${started}; this start asks for v${request.version}`, [
      {
        path: 'version',
        message: `expected ${existing.definitionVersion} or none`,
        code: 'BUSINESS_KEY_VERSION_DIFFERS',
      },
    ]);
  }
  if (!jsonEqual(existing.input ?? {}, (request.input ?? {}) as JsonValue)) {
    throw new EngineError('CONFLICT', `${started} with a different input`, [
      {
        path: 'input',
        message: 'differs from the input the instance was started with',
        code: 'BUSINESS_KEY_INPUT_DIFFERS',
      },
    ]);
  }
  const { instanceId, definitionVersion, status } = existing;
  return { instanceId, created: false, definitionVersion, status };
}
