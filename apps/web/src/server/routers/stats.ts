import { recentFailuresInput, throughputInput } from '@switchyard/engine/contracts';
import { z } from 'zod';
import { isoDate } from '../schemas';
import { router, tenantProcedure } from '../trpc';

export const statsRouter = router({
  countsByStatus: tenantProcedure('viewer')
    .output(z.array(z.object({ status: z.string(), count: z.number() })))
    .query(({ ctx }) => ctx.service.countsByStatus(ctx.tenant)),

  countsByDefinition: tenantProcedure('viewer')
    .output(
      z.array(
        z.object({
          definitionKey: z.string(),
          running: z.number(),
          failed: z.number(),
          completed: z.number(),
          cancelled: z.number(),
          total: z.number(),
        }),
      ),
    )
    .query(({ ctx }) => ctx.service.countsByDefinition(ctx.tenant)),

  throughput: tenantProcedure('viewer')
    .input(throughputInput)
    .output(
      z.object({
        from: isoDate,
        to: isoDate,
        points: z.array(z.object({ minute: isoDate, started: z.number(), completed: z.number(), failed: z.number() })),
      }),
    )
    .query(({ ctx, input }) => ctx.service.throughput(ctx.tenant, input)),

  recentFailures: tenantProcedure('viewer')
    .input(recentFailuresInput)
    .output(
      z.array(
        z.object({
          seq: z.number(),
          type: z.string(),
          instanceId: z.string(),
          definitionKey: z.string(),
          businessKey: z.string().nullable(),
          instanceStatus: z.string(),
          stateValue: z.string().nullable(),
          taskId: z.string().nullable(),
          taskName: z.string().nullable(),
          error: z.string().nullable(),
          createdAt: isoDate,
        }),
      ),
    )
    .query(({ ctx, input }) => ctx.service.recentFailures(ctx.tenant, input)),

  tasksWaiting: tenantProcedure('viewer')
    .output(
      z.object({
        ready: z.number(),
        delayed: z.number(),
        running: z.number(),
        failed: z.number(),
        oldestReadyAt: isoDate.nullable(),
      }),
    )
    .query(({ ctx }) => ctx.service.tasksWaiting(ctx.tenant)),
});
