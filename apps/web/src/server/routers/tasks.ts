import { listTasksInput, requireReason, taskActionInput } from '@switchyard/engine/contracts';
import { z } from 'zod';
import { taskView } from '../schemas';
import { router, tenantProcedure } from '../trpc';

export const tasksRouter = router({
  list: tenantProcedure('viewer')
    .input(listTasksInput)
    .output(z.array(taskView))
    .query(({ ctx, input }) => ctx.service.listTasks(ctx.tenant, input)),

  retry: tenantProcedure('operator')
    .input(requireReason(taskActionInput).omit({ batchId: true }))
    .output(z.object({ taskId: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.retryTask(ctx.tenant, input)),

  cancel: tenantProcedure('operator')
    .input(requireReason(taskActionInput).omit({ batchId: true }))
    .output(z.object({ taskId: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.cancelTask(ctx.tenant, input)),
});
