import {
  publishDefinitionInput,
  type DefinitionKeyInput,
  type GetDefinitionInput,
  type PublishDefinitionInput,
} from '../contracts/definitions';
import type { TenantContext } from '../contracts/actor';
import { formatActor } from '../contracts/actor';
import { recordAudit } from '../access/audit';
import { EngineError } from '../errors';
import { toPrismaJson } from '../json';
import type { EngineDeps } from '../deps/engine-deps';
import { jsonEqual, validateSpec, type JsonValue, type SpecProblem, type WorkflowSpec } from '../spec';
import { parseInput } from './parse-input';
import { specCheckOptions } from './task-types';

export interface DefinitionSummary {
  id: string;
  key: string;
  version: number;
  name: string;
  message: string | null;
  publishedBy: string;
  publishedAt: Date;
}

export interface DefinitionDetail extends DefinitionSummary {
  spec: WorkflowSpec;
}

async function requireTenant(deps: EngineDeps, tenantId: string): Promise<void> {
  const tenant = await deps.prisma.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
  if (!tenant) throw new EngineError('NOT_FOUND', `tenant "${tenantId}" was not found`);
}

/**
 * Publishes a spec as the next version of its key (spec.id). An invalid spec is never stored. Publishing a spec
 * identical to the latest version returns that version instead of minting a copy.
 */
export async function publishDefinition(
  deps: EngineDeps,
  ctx: TenantContext,
  input: PublishDefinitionInput,
): Promise<DefinitionDetail & { created: boolean; warnings: SpecProblem[] }> {
  const { spec: rawSpec, message } = parseInput(publishDefinitionInput, input);
  const validation = validateSpec(rawSpec, await specCheckOptions(deps));
  if (!validation.ok) {
    const summary = validation.problems
      .slice(0, 5)
      .map((p) => `${p.path}: ${p.message}`)
      .join('; ');
    const more = validation.problems.length > 5 ? ` (and ${validation.problems.length - 5} more)` : '';
    throw new EngineError('SPEC_INVALID', `spec is invalid: ${summary}${more}`, validation.problems);
  }
  const { spec, warnings } = validation;
  await requireTenant(deps, ctx.tenantId);
  for (let attempt = 0; ; attempt++) {
    const latest = await deps.prisma.workflowDefinition.findFirst({
      where: { tenantId: ctx.tenantId, key: spec.id },
      orderBy: { version: 'desc' },
    });
    // jsonb does not keep key order, so compare structurally.
    if (latest && jsonEqual(latest.spec as JsonValue, spec as unknown as JsonValue)) {
      return { ...toDetail(latest), created: false, warnings };
    }
    try {
      const row = await deps.prisma.$transaction(async (tx) => {
        const created = await tx.workflowDefinition.create({
          data: {
            tenantId: ctx.tenantId,
            key: spec.id,
            version: (latest?.version ?? 0) + 1,
            name: spec.name ?? spec.id,
            spec: toPrismaJson(spec),
            message: message ?? null,
            publishedBy: formatActor(ctx.actor),
          },
        });
        await recordAudit(tx, ctx, {
          action: 'definition.published',
          targetType: 'definition',
          targetId: created.id,
          reason: message ?? null,
          payload: { key: created.key, version: created.version },
        });
        return created;
      });
      return { ...toDetail(row), created: true, warnings };
    } catch (error) {
      // Two publishers raced for the same version number: the unique index refused one; take the next number.
      if (attempt < 3 && (error as { code?: string }).code === 'P2002') continue;
      throw error;
    }
  }
}

function toSummary(row: {
  id: string;
  key: string;
  version: number;
  name: string;
  message: string | null;
  publishedBy: string;
  publishedAt: Date;
}): DefinitionSummary {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    name: row.name,
    message: row.message,
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt,
  };
}

function toDetail(row: Parameters<typeof toSummary>[0] & { spec: unknown }): DefinitionDetail {
  return { ...toSummary(row), spec: row.spec as WorkflowSpec };
}

/** The latest version of every definition key in the tenant, with its instance counts. */
export async function listDefinitions(
  deps: EngineDeps,
  ctx: TenantContext,
): Promise<(DefinitionSummary & { versions: number; instances: number })[]> {
  const rows = await deps.prisma.workflowDefinition.findMany({
    where: { tenantId: ctx.tenantId },
    orderBy: [{ key: 'asc' }, { version: 'desc' }],
  });
  const counts = await deps.prisma.workflowInstance.groupBy({
    by: ['definitionKey'],
    where: { tenantId: ctx.tenantId },
    _count: { _all: true },
  });
  const countByKey = new Map(counts.map((c) => [c.definitionKey, c._count._all]));
  const latest = new Map<string, DefinitionSummary & { versions: number; instances: number }>();
  for (const row of rows) {
    const existing = latest.get(row.key);
    if (existing) existing.versions += 1;
    else latest.set(row.key, { ...toSummary(row), versions: 1, instances: countByKey.get(row.key) ?? 0 });
  }
  return [...latest.values()];
}

/** One version of a definition (the latest when no version is given). */
export async function getDefinition(
  deps: EngineDeps,
  ctx: TenantContext,
  input: GetDefinitionInput,
): Promise<DefinitionDetail> {
  const row = await deps.prisma.workflowDefinition.findFirst({
    where: {
      tenantId: ctx.tenantId,
      key: input.key,
      ...(input.version !== undefined ? { version: input.version } : {}),
    },
    orderBy: { version: 'desc' },
  });
  if (!row)
    throw new EngineError(
      'NOT_FOUND',
      input.version !== undefined
        ? `definition ${input.key} v${input.version} was not found`
        : `definition ${input.key} was not found`,
    );
  return toDetail(row);
}

/** Every version of one definition key, newest first. */
export async function listDefinitionVersions(
  deps: EngineDeps,
  ctx: TenantContext,
  input: DefinitionKeyInput,
): Promise<DefinitionSummary[]> {
  const rows = await deps.prisma.workflowDefinition.findMany({
    where: { tenantId: ctx.tenantId, key: input.key },
    orderBy: { version: 'desc' },
  });
  if (rows.length === 0) throw new EngineError('NOT_FOUND', `definition ${input.key} was not found`);
  return rows.map(toSummary);
}
