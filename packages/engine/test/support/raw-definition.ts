import type { PrismaClient } from '../../src/generated/prisma/client';

/** Stores a spec as a published definition without validating it: how a spec that predates a check looks. */
export async function insertRawDefinition(prisma: PrismaClient, tenantId: string, spec: { id: string }): Promise<void> {
  await prisma.workflowDefinition.create({ data: { tenantId, key: spec.id, version: 1, name: spec.id, spec, publishedBy: 'test' } });
}
