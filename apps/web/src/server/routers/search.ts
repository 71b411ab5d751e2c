import { incidentsInput, saveViewInput, viewIdInput } from '@switchyard/engine/contracts';
import { instanceFilterSchema, searchInstancesInput, timelineSearchSchema } from '@switchyard/engine/search';
import { z } from 'zod';
import { incidentsResult, instanceCount, instanceSearchPage, savedView, timelineSearchResult } from '../search-schemas';
import { router, tenantProcedure } from '../trpc';

/** Finding things: instances by what is inside them, one instance's history, incidents. */
export const searchRouter = router({
  instances: tenantProcedure('viewer')
    .input(searchInstancesInput)
    .output(instanceSearchPage)
    .query(({ ctx, input }) => ctx.service.searchInstances(ctx.tenant, input)),

  /** Exact up to 10,000, then `capped`. */
  count: tenantProcedure('viewer')
    .input(instanceFilterSchema)
    .output(instanceCount)
    .query(({ ctx, input }) => ctx.service.countInstances(ctx.tenant, input)),

  timeline: tenantProcedure('viewer')
    .input(timelineSearchSchema)
    .output(timelineSearchResult)
    .query(({ ctx, input }) => ctx.service.searchTimeline(ctx.tenant, input)),

  incidents: tenantProcedure('viewer')
    .input(incidentsInput)
    .output(incidentsResult)
    .query(({ ctx, input }) => ctx.service.listIncidents(ctx.tenant, input)),
});

/** Saved views: personal for anyone; shared with the tenant from operator up (the service decides). */
export const viewsRouter = router({
  list: tenantProcedure('viewer')
    .output(z.array(savedView))
    .query(({ ctx }) => ctx.service.listSavedViews(ctx.tenant)),

  save: tenantProcedure('viewer')
    .input(saveViewInput)
    .output(savedView)
    .mutation(({ ctx, input }) => ctx.service.saveView(ctx.tenant, input)),

  delete: tenantProcedure('viewer')
    .input(viewIdInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => ctx.service.deleteView(ctx.tenant, input)),
});
