import { definitionKeyInput, getDefinitionInput } from '@switchyard/engine/contracts';
import { describeSpecGraph } from '@switchyard/engine/spec';
import { z } from 'zod';
import { definitionSummary, json, specGraph } from '../schemas';
import { router, tenantProcedure } from '../trpc';

export const definitionsRouter = router({
  list: tenantProcedure('viewer')
    .output(z.array(definitionSummary.extend({ versions: z.number(), instances: z.number() })))
    .query(({ ctx }) => ctx.service.listDefinitions(ctx.tenant)),

  get: tenantProcedure('viewer')
    .input(getDefinitionInput)
    .output(definitionSummary.extend({ spec: json, graph: specGraph }))
    .query(async ({ ctx, input }) => {
      const definition = await ctx.service.getDefinition(ctx.tenant, input);
      return { ...definition, graph: describeSpecGraph(definition.spec) };
    }),

  /** The task types publish accepts (built-in and what workers registered), with custom types' input schemas. */
  taskTypes: tenantProcedure('viewer')
    .output(
      z.object({
        types: z.array(z.string()),
        custom: z.array(
          z.object({
            type: z.string(),
            description: z.string().nullable(),
            inputSchema: z.record(z.string(), z.unknown()).nullable(),
          }),
        ),
      }),
    )
    .query(({ ctx }) => ctx.service.listTaskTypes(ctx.tenant)),

  versions: tenantProcedure('viewer')
    .input(definitionKeyInput)
    .output(z.array(definitionSummary))
    .query(({ ctx, input }) => ctx.service.listDefinitionVersions(ctx.tenant, input)),
});
