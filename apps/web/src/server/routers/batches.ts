import { batchPreviewInput, startBatchInput } from '@switchyard/engine';
import { batchControlInput, batchItemsInput } from '@switchyard/engine/contracts';
import { z } from 'zod';
import { batchPreview, batchView, batchWithItems } from '../ops-schemas';
import { router, tenantProcedure } from '../trpc';

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
    .input(batchItemsInput)
    .output(batchWithItems)
    .query(({ ctx, input }) => ctx.service.getBatch(ctx.tenant, input)),

  pause: tenantProcedure('operator')
    .input(batchControlInput)
    .output(batchView)
    .mutation(({ ctx, input }) => ctx.service.controlBatch(ctx.tenant, 'pause', input)),
  resume: tenantProcedure('operator')
    .input(batchControlInput)
    .output(batchView)
    .mutation(({ ctx, input }) => ctx.service.controlBatch(ctx.tenant, 'resume', input)),
  abort: tenantProcedure('operator')
    .input(batchControlInput)
    .output(batchView)
    .mutation(({ ctx, input }) => ctx.service.controlBatch(ctx.tenant, 'abort', input)),
});
