import type { Prisma } from '../generated/prisma/client';

/**
 * Locks a task's instance row, then the task row. Every transaction that touches both takes them in this order
 * (instance first): applying events, cancelling, claiming and finishing tasks. One order means no deadlocks.
 * Returns false when the task does not exist in the tenant.
 */
export async function lockTaskAndInstance(
  tx: Prisma.TransactionClient,
  tenantId: string,
  taskId: string,
): Promise<boolean> {
  // A task's instance never changes, so reading it without a lock is safe.
  const owner = await tx.task.findFirst({ where: { id: taskId, tenantId }, select: { instanceId: true } });
  if (!owner) return false;
  await tx.$queryRaw`SELECT 1 FROM "WorkflowInstance" WHERE id = ${owner.instanceId}::uuid FOR UPDATE`;
  await tx.$queryRaw`SELECT 1 FROM "Task" WHERE id = ${taskId}::uuid FOR UPDATE`;
  return true;
}
