import { createAlertRuleInput, idInput } from '@switchyard/engine/hooks';
import { z } from 'zod';
import { router, tenantProcedure } from '../trpc';
import { alertRuleView, idView } from './hooks-schemas';

/** Alert rules (admin, audited); their deliveries are in webhooks.deliveries({ source: 'alerts' }). */
export const alertRulesRouter = router({
  list: tenantProcedure('admin')
    .output(z.array(alertRuleView))
    .query(({ ctx }) => ctx.service.listAlertRules(ctx.tenant)),
  create: tenantProcedure('admin')
    .input(createAlertRuleInput)
    .output(alertRuleView)
    .mutation(({ ctx, input }) => ctx.service.createAlertRule(ctx.tenant, input)),
  delete: tenantProcedure('admin')
    .input(idInput)
    .output(idView)
    .mutation(({ ctx, input }) => ctx.service.deleteAlertRule(ctx.tenant, input)),
  sendTest: tenantProcedure('admin')
    .input(idInput)
    .output(z.object({ deliveryId: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.testAlertRule(ctx.tenant, input)),
});
