import {
  discardDeadLetterInput,
  listDeadLettersInput,
  requireReason,
  retryDeadLetterInput,
} from '@switchyard/engine/contracts';
import { z } from 'zod';
import { deadLetterView } from '../schemas';
import { router, tenantProcedure } from '../trpc';

/** Events that could not be applied after their bounded deliveries: listed, retried or discarded by an operator. */
export const deadLettersRouter = router({
  list: tenantProcedure('viewer')
    .input(listDeadLettersInput)
    .output(z.array(deadLetterView))
    .query(({ ctx, input }) => ctx.service.listDeadLetters(ctx.tenant, input)),

  retry: tenantProcedure('operator')
    .input(requireReason(retryDeadLetterInput))
    .output(z.object({ messageId: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.retryDeadLetter(ctx.tenant, input)),

  discard: tenantProcedure('operator')
    .input(discardDeadLetterInput)
    .output(z.object({ messageId: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.discardDeadLetter(ctx.tenant, input)),
});
