import { z } from 'zod';
import { taskStatus, taskView } from '../schemas';
import { router, tenantProcedure } from '../trpc';

const taskId = z.string().uuid('expected a task id (a UUID)');
const reason = z.string().trim().min(1, 'a reason is required').max(2_000);

export const tasksRouter = router({
  list: tenantProcedure('viewer')
    .input(
      z.object({
        instanceId: z.string().uuid().optional(),
        status: taskStatus.optional(),
        type: z.string().optional(),
        limit: z.number().int().min(1).max(500).optional(),
      }),
    )
    .output(z.array(taskView))
    .query(({ ctx, input }) => ctx.service.listTasks(ctx.tenant, input)),

  retry: tenantProcedure('operator')
    .input(z.object({ taskId, reason }))
    .output(z.object({ taskId: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.retryTask(ctx.tenant, input)),

  cancel: tenantProcedure('operator')
    .input(z.object({ taskId, reason }))
    .output(z.object({ taskId: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.cancelTask(ctx.tenant, input)),
});
