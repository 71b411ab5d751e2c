import {
  definitionKeyInput,
  diffKindSchema,
  diffTargetSchema,
  diffVersionsInput,
  publishDraftInput,
  saveDraftInput,
} from '@switchyard/engine/contracts';
import { z } from 'zod';
import { definitionSummary, isoDate, json } from '../schemas';
import { router, tenantProcedure } from '../trpc';

// Drafts, publishing and version diffs for the visual editor. Every procedure goes through the tenant procedure.
const draftView = z.object({
  key: z.string(),
  baseVersion: z.number().nullable(),
  latestVersion: z.number().nullable(),
  spec: json,
  updatedBy: z.string(),
  updatedAt: isoDate,
});

export const draftsRouter = router({
  get: tenantProcedure('viewer')
    .input(definitionKeyInput)
    .output(draftView.nullable())
    .query(({ ctx, input }) => ctx.service.getDraft(ctx.tenant, input)),

  save: tenantProcedure('admin')
    .input(saveDraftInput)
    .output(draftView)
    .mutation(({ ctx, input }) => ctx.service.saveDraft(ctx.tenant, input)),

  discard: tenantProcedure('admin')
    .input(definitionKeyInput)
    .output(z.object({ discarded: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.service.discardDraft(ctx.tenant, input)),

  publish: tenantProcedure('admin')
    .input(publishDraftInput)
    .output(definitionSummary.extend({ created: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.service.publishDraft(ctx.tenant, input)),

  diff: tenantProcedure('viewer')
    .input(diffVersionsInput)
    .output(
      z.object({
        key: z.string(),
        from: z.number(),
        to: diffTargetSchema,
        before: json,
        after: json,
        diff: z.object({
          states: z.array(z.object({ state: z.string(), kind: diffKindSchema })),
          transitions: z.array(
            z.object({
              key: z.string(),
              state: z.string(),
              event: z.string(),
              index: z.number(),
              kind: diffKindSchema,
            }),
          ),
          settings: z.array(z.object({ key: z.string(), kind: diffKindSchema })),
        }),
        affected: z.object({ total: z.number(), byState: z.array(z.object({ state: z.string(), count: z.number() })) }),
      }),
    )
    .query(({ ctx, input }) => ctx.service.diffVersions(ctx.tenant, input)),
});
