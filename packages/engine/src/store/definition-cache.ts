import type { Prisma } from '../generated/prisma/client';
import { compileSpec, type CompiledWorkflow } from '../core';
import type { WorkflowSpec } from '../spec';

/**
 * Compiled machines by definition id. Published definitions are immutable, so an entry never goes stale;
 * the cache only bounds memory.
 */
export class DefinitionCache {
  private readonly entries = new Map<string, CompiledWorkflow>();
  constructor(private readonly capacity = 500) {}

  async get(db: Prisma.TransactionClient, definitionId: string): Promise<CompiledWorkflow> {
    const hit = this.entries.get(definitionId);
    if (hit) {
      // Re-insert to keep the map in least-recently-used order.
      this.entries.delete(definitionId);
      this.entries.set(definitionId, hit);
      return hit;
    }
    const row = await db.workflowDefinition.findUniqueOrThrow({ where: { id: definitionId }, select: { spec: true } });
    const compiled = compileSpec(row.spec as unknown as WorkflowSpec);
    this.entries.set(definitionId, compiled);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return compiled;
  }
}
