import type { PrismaClient } from '../generated/prisma/client';
import type { SlotKind } from '../contracts/jobs';

export interface TenantCapDefaults {
  task: number;
  orchestrator: number;
}

/** The worker's defaults when neither the tenant nor the environment says otherwise. */
export const DEFAULT_TENANT_CAPS: TenantCapDefaults = { task: 4, orchestrator: 6 };

const TTL_MS = 5_000;

/**
 * Each tenant's concurrency caps (Tenant.taskConcurrency / orchestratorConcurrency, else the defaults), cached for
 * a few seconds: a change an operator makes reaches every worker within TTL_MS, and a job costs no query.
 */
export class TenantCaps {
  private readonly cache = new Map<string, { caps: TenantCapDefaults; until: number }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly defaults: TenantCapDefaults,
  ) {}

  async cap(kind: SlotKind, tenantId: string): Promise<number> {
    const now = Date.now();
    let entry = this.cache.get(tenantId);
    if (!entry || entry.until < now) {
      const row = await this.prisma.tenant.findUnique({
        where: { id: tenantId },
        select: { taskConcurrency: true, orchestratorConcurrency: true },
      });
      entry = {
        caps: {
          task: row?.taskConcurrency ?? this.defaults.task,
          orchestrator: row?.orchestratorConcurrency ?? this.defaults.orchestrator,
        },
        until: now + TTL_MS,
      };
      this.cache.set(tenantId, entry);
    }
    return entry.caps[kind];
  }
}
