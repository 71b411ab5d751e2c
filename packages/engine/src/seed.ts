import type { Actor } from './contracts/actor';
import type { PrismaClient } from './generated/prisma/client';
import type { EngineService } from './service';
import { seedPeople } from './seed-people';
import { demoWorkflows } from './workflows/demo';

const seedActor: Actor = { type: 'system', id: 'seed' };

/** Creates the `demo` and `acme` tenants, their people, and publishes the demo workflows into `demo`. Safe to run again: nothing is duplicated. */
export async function seedDemo(
  prisma: PrismaClient,
  service: EngineService,
): Promise<{ tenantId: string; published: { key: string; version: number; created: boolean }[] }> {
  await prisma.tenant.upsert({ where: { id: 'demo' }, create: { id: 'demo', name: 'Demo' }, update: {} });
  await prisma.tenant.upsert({ where: { id: 'acme' }, create: { id: 'acme', name: 'Acme Corp' }, update: {} });
  await seedPeople(prisma);
  const published = [];
  for (const spec of demoWorkflows) {
    const definition = await service.publishDefinition(
      { tenantId: 'demo', actor: seedActor },
      { spec, message: 'seeded demo workflow' },
    );
    published.push({ key: definition.key, version: definition.version, created: definition.created });
  }
  return { tenantId: 'demo', published };
}
