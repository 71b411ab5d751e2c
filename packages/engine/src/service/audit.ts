import { auditInput, type AuditInput } from '../contracts/queries';
import type { TenantContext } from '../contracts/actor';
import type { JsonValue } from '../json';
import type { EngineDeps } from '../deps/engine-deps';
import { parseInput } from './parse-input';

export interface AuditItem {
  at: Date;
  source: 'instance' | 'tenant';
  actorType: string;
  actorId: string;
  role: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  payload: JsonValue;
}

// Instance actions taken by people and programs (an inbound webhook included); the worker's and the system's
// entries are not operator actions.
const operatorActorTypes = ['operator', 'api', 'cli', 'webhook'];
const operatorEntryTypes = [
  'event.received',
  'task.retried',
  'task.cancelled',
  'instance.cancelled',
  'instance.started',
  'instance.paused',
  'instance.resumed',
  'instance.moved',
  'instance.migrated',
];

/** Every operator action in the tenant, newest first: instance actions from the timeline plus tenant-level audit rows. */
export async function listAudit(deps: EngineDeps, ctx: TenantContext, raw: AuditInput): Promise<AuditItem[]> {
  const input = parseInput(auditInput, raw);
  const createdAt = { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) };
  const [events, rows] = await Promise.all([
    deps.prisma.workflowEvent.findMany({
      where: {
        tenantId: ctx.tenantId,
        actorType: { in: operatorActorTypes },
        type: input.action ? input.action : { in: operatorEntryTypes },
        ...(input.actorId ? { actorId: input.actorId } : {}),
        createdAt,
      },
      orderBy: { createdAt: 'desc' },
      take: input.limit,
    }),
    deps.prisma.auditLog.findMany({
      where: {
        tenantId: ctx.tenantId,
        ...(input.action ? { action: input.action } : {}),
        ...(input.actorId ? { actorId: input.actorId } : {}),
        createdAt,
      },
      orderBy: { createdAt: 'desc' },
      take: input.limit,
    }),
  ]);
  const items: AuditItem[] = [
    ...events.map((e) => {
      const payload = (e.payload ?? {}) as Record<string, JsonValue>;
      return {
        at: e.createdAt,
        source: 'instance' as const,
        actorType: e.actorType,
        actorId: e.actorId,
        role: e.actorRole,
        action: e.type,
        targetType: 'instance',
        targetId: e.instanceId,
        reason: typeof payload.reason === 'string' ? payload.reason : null,
        payload: e.payload as JsonValue,
      };
    }),
    ...rows.map((r) => ({
      at: r.createdAt,
      source: 'tenant' as const,
      actorType: r.actorType,
      actorId: r.actorId,
      role: r.role,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      reason: r.reason,
      payload: r.payload as JsonValue,
    })),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, input.limit);
}
