// The deployment's custom task types, as workers register them: what publish and the console's editor check a
// spec's tasks against. A worker upserts its types at start; a type stays known after its worker stops (a
// deploy restarts workers; publishing in between must not start refusing specs that were fine).
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { toPrismaJson } from '../json';
import type { TaskTypeInfo } from '../spec/task-input-schemas';

/** Records (or refreshes) the types a worker runs with their input schemas. */
export async function registerTaskTypes(
  prisma: PrismaClient,
  types: readonly TaskTypeInfo[],
  registeredBy: string,
): Promise<void> {
  for (const { type, description, inputSchema } of types) {
    const data = {
      description,
      inputSchema: inputSchema === null ? Prisma.DbNull : toPrismaJson(inputSchema),
      registeredBy,
    };
    await prisma.taskType.upsert({ where: { type }, create: { type, ...data }, update: data });
  }
}

/** Every registered custom task type, by name. */
export async function loadTaskTypes(prisma: PrismaClient): Promise<TaskTypeInfo[]> {
  const rows = await prisma.taskType.findMany({ orderBy: { type: 'asc' } });
  return rows.map((row) => ({
    type: row.type,
    description: row.description,
    inputSchema: (row.inputSchema as Record<string, unknown> | null) ?? null,
  }));
}
