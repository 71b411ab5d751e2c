import { z } from 'zod';
import { definitionSummary, isoDate, json } from '../schemas';
import { router, tenantProcedure } from '../trpc';

// Drafts, publishing and version diffs for the visual editor. Every procedure goes through the tenant procedure.
const key = z.string().min(1).max(200);
const diffKind = z.enum(['added', 'removed', 'changed']);
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
    .input(z.object({ key }))
    .output(draftView.nullable())
    .query(({ ctx, input }) => ctx.service.getDraft(ctx.tenant, input)),

  save: tenantProcedure('admin')
    .input(
      z.object({
        key,
        baseVersion: z.number().int().positive().nullable().optional(),
        spec: z.record(z.string(), z.unknown()),
      }),
    )
    .output(draftView)
    .mutation(({ ctx, input }) => ctx.service.saveDraft(ctx.tenant, input)),

  discard: tenantProcedure('admin')
    .input(z.object({ key }))
    .output(z.object({ discarded: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.service.discardDraft(ctx.tenant, input)),

  publish: tenantProcedure('admin')
    .input(z.object({ key, message: z.string().trim().min(1, 'a message is required').max(2_000) }))
    .output(definitionSummary.extend({ created: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.service.publishDraft(ctx.tenant, input)),

  diff: tenantProcedure('viewer')
    .input(
      z.object({
        key,
        from: z.number().int().positive(),
        to: z.union([z.number().int().positive(), z.literal('draft')]),
      }),
    )
    .output(
      z.object({
        key: z.string(),
        from: z.number(),
        to: z.union([z.number(), z.literal('draft')]),
        before: json,
        after: json,
        diff: z.object({
          states: z.array(z.object({ state: z.string(), kind: diffKind })),
          transitions: z.array(
            z.object({ key: z.string(), state: z.string(), event: z.string(), index: z.number(), kind: diffKind }),
          ),
          settings: z.array(z.object({ key: z.string(), kind: diffKind })),
        }),
        affected: z.object({ total: z.number(), byState: z.array(z.object({ state: z.string(), count: z.number() })) }),
      }),
    )
    .query(({ ctx, input }) => ctx.service.diffVersions(ctx.tenant, input)),
});
