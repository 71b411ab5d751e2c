// Drafts of a definition: one work-in-progress spec per tenant + key, which may be invalid while it is
// being edited. Publishing validates it and mints an immutable version through publishDefinition.
import {
  definitionKeyInput,
  diffVersionsInput,
  publishDraftInput,
  saveDraftInput,
  type DefinitionKeyInput,
  type DiffVersionsInput,
  type PublishDraftInput,
  type SaveDraftInput,
} from '../contracts/definitions';
import type { TenantContext } from '../contracts/actor';
import { formatActor } from '../contracts/actor';
import { EngineError } from '../errors';
import { toPrismaJson } from '../json';
import { assertJsonWithinLimits, defaultInputLimits } from '../limits';
import type { EngineDeps } from '../deps/engine-deps';
import { affectedStates, diffSpecs, validateSpec, type SpecDiff } from '../spec';
import { publishDefinition } from './definitions';
import { parseInput } from './parse-input';
import { specCheckOptions } from './task-types';

export interface DraftDetail {
  key: string;
  baseVersion: number | null;
  /** The newest published version now; differs from baseVersion when someone published meanwhile. */
  latestVersion: number | null;
  spec: unknown;
  updatedBy: string;
  updatedAt: Date;
}

export interface VersionDiff {
  key: string;
  from: number;
  to: number | 'draft';
  before: unknown;
  after: unknown;
  diff: SpecDiff;
  /** Running or failed instances of `from` sitting in a state the new version changes or removes. */
  affected: { total: number; byState: { state: string; count: number }[] };
}

async function latestVersion(deps: EngineDeps, ctx: TenantContext, k: string): Promise<number | null> {
  const row = await deps.prisma.workflowDefinition.findFirst({
    where: { tenantId: ctx.tenantId, key: k },
    orderBy: { version: 'desc' },
    select: { version: true },
  });
  return row?.version ?? null;
}

/** Saves (creates or replaces) the draft of a key; the spec may be invalid, it is only stored. */
export async function saveDraft(deps: EngineDeps, ctx: TenantContext, input: SaveDraftInput): Promise<DraftDetail> {
  const { key: k, baseVersion, spec } = parseInput(saveDraftInput, input);
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    throw new EngineError('BAD_INPUT', 'spec must be a JSON object', [{ path: 'spec', message: 'expected an object' }]);
  assertJsonWithinLimits(deps.limits ?? defaultInputLimits, 'spec', spec, 'draftBytes');
  const base = baseVersion === undefined ? await latestVersion(deps, ctx, k) : baseVersion;
  const data = { baseVersion: base, spec: toPrismaJson(spec), updatedBy: formatActor(ctx.actor) };
  await deps.prisma.workflowDraft.upsert({
    where: { tenantId_key: { tenantId: ctx.tenantId, key: k } },
    create: { tenantId: ctx.tenantId, key: k, ...data },
    update: data,
  });
  return (await getDraft(deps, ctx, { key: k }))!;
}

/** The draft of a key, or null when there is none. */
export async function getDraft(
  deps: EngineDeps,
  ctx: TenantContext,
  input: DefinitionKeyInput,
): Promise<DraftDetail | null> {
  const { key: k } = parseInput(definitionKeyInput, input);
  const row = await deps.prisma.workflowDraft.findUnique({
    where: { tenantId_key: { tenantId: ctx.tenantId, key: k } },
  });
  if (!row) return null;
  return {
    key: row.key,
    baseVersion: row.baseVersion,
    latestVersion: await latestVersion(deps, ctx, k),
    spec: row.spec,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

/** Deletes the draft of a key; a missing draft is not an error (discarding twice is harmless). */
export async function discardDraft(
  deps: EngineDeps,
  ctx: TenantContext,
  input: DefinitionKeyInput,
): Promise<{ discarded: boolean }> {
  const { key: k } = parseInput(definitionKeyInput, input);
  const result = await deps.prisma.workflowDraft.deleteMany({ where: { tenantId: ctx.tenantId, key: k } });
  return { discarded: result.count > 0 };
}

/** Publishes the draft as the next version (the caller is its author) and removes the draft. Refuses an invalid draft. */
export async function publishDraft(
  deps: EngineDeps,
  ctx: TenantContext,
  input: PublishDraftInput,
): Promise<Awaited<ReturnType<typeof publishDefinition>>> {
  const { key: k, message } = parseInput(publishDraftInput, input);
  const draft = await getDraft(deps, ctx, { key: k });
  if (!draft) throw new EngineError('NOT_FOUND', `there is no draft of ${k} to publish`);
  const validation = validateSpec(draft.spec, await specCheckOptions(deps));
  if (!validation.ok)
    throw new EngineError(
      'SPEC_INVALID',
      `the draft has ${validation.problems.length} problem(s); fix them before publishing`,
      validation.problems,
    );
  // The key names the definition; a draft whose id drifted would publish under another key.
  if (validation.spec.id !== k)
    throw new EngineError('BAD_INPUT', `the draft's id "${validation.spec.id}" differs from its key "${k}"`, [
      { path: '$.id', message: `expected "${k}"` },
    ]);
  const published = await publishDefinition(deps, ctx, { spec: validation.spec, message });
  await deps.prisma.workflowDraft.deleteMany({ where: { tenantId: ctx.tenantId, key: k } });
  return published;
}

async function specAt(deps: EngineDeps, ctx: TenantContext, k: string, version: number | 'draft'): Promise<unknown> {
  if (version === 'draft') {
    const draft = await getDraft(deps, ctx, { key: k });
    if (!draft) throw new EngineError('NOT_FOUND', `there is no draft of ${k}`);
    return draft.spec;
  }
  const row = await deps.prisma.workflowDefinition.findFirst({
    where: { tenantId: ctx.tenantId, key: k, version },
    select: { spec: true },
  });
  if (!row) throw new EngineError('NOT_FOUND', `definition ${k} v${version} was not found`);
  return row.spec;
}

/** The structural diff between two versions (or a version and the draft), with the instances it would affect. */
export async function diffVersions(
  deps: EngineDeps,
  ctx: TenantContext,
  input: DiffVersionsInput,
): Promise<VersionDiff> {
  const { key: k, from, to } = parseInput(diffVersionsInput, input);
  const [before, after] = await Promise.all([specAt(deps, ctx, k, from), specAt(deps, ctx, k, to)]);
  const diff = diffSpecs(before, after);
  const states = affectedStates(diff);
  const groups =
    states.length === 0
      ? []
      : await deps.prisma.workflowInstance.groupBy({
          by: ['stateValue'],
          where: {
            tenantId: ctx.tenantId,
            definitionKey: k,
            definitionVersion: from,
            status: { in: ['running', 'failed'] },
            stateValue: { in: states },
          },
          _count: { _all: true },
        });
  const byState = groups.map((g) => ({ state: g.stateValue, count: g._count._all })).sort((a, b) => b.count - a.count);
  return {
    key: k,
    from,
    to,
    before,
    after,
    diff,
    affected: { total: byState.reduce((n, g) => n + g.count, 0), byState },
  };
}
