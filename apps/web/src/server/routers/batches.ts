import { batchPreviewInput, startBatchInput } from '@switchyard/engine';
import { z } from 'zod';
import { batchPreview, batchView, batchWithItems } from '../ops-schemas';
import { router, tenantProcedure } from '../trpc';

const batchId = z.string().uuid('expected a batch id (a UUID)');
const reason = z.string().trim().min(1, 'a reason is required').max(2_000);
const control = z.object({ batchId, reason });

export const batchesRouter = router({
  /** The exact count, what happens to each instance (grouped) and a sample: a read, writes nothing. */
  preview: tenantProcedure('viewer')
    .input(batchPreviewInput)
    .output(batchPreview)
    .query(({ ctx, input }) => ctx.service.previewBatch(ctx.tenant, input)),

  start: tenantProcedure('operator')
    .input(startBatchInput)
    .output(z.object({ batchId: z.string(), total: z.number() }))
    .mutation(({ ctx, input }) => ctx.service.startBatch(ctx.tenant, input)),

  list: tenantProcedure('viewer')
    .output(z.array(batchView))
    .query(({ ctx }) => ctx.service.listBatches(ctx.tenant)),

  get: tenantProcedure('viewer')
    .input(z.object({ batchId, status: z.enum(['pending', 'running', 'succeeded', 'skipped', 'failed']).optional() }))
    .output(batchWithItems)
    .query(({ ctx, input }) => ctx.service.getBatch(ctx.tenant, input)),

  pause: tenantProcedure('operator')
    .input(control)
    .output(batchView)
    .mutation(({ ctx, input }) => ctx.service.controlBatch(ctx.tenant, 'pause', input)),
  resume: tenantProcedure('operator')
    .input(control)
    .output(batchView)
    .mutation(({ ctx, input }) => ctx.service.controlBatch(ctx.tenant, 'resume', input)),
  abort: tenantProcedure('operator')
    .input(control)
    .output(batchView)
    .mutation(({ ctx, input }) => ctx.service.controlBatch(ctx.tenant, 'abort', input)),
});
