// Saved views: a named instance-list query. Anyone who may read the tenant saves personal views; sharing a view
// with the whole tenant needs operator (it changes what everyone sees in the list of views); a shared view is
// changed or deleted by its owner or an admin.
import { saveViewInput, viewIdInput, type SaveViewInput, type ViewIdInput } from '../../contracts/queries';
import { formatActor, type TenantContext } from '../../contracts/actor';
import { roleAllows } from '../../contracts/roles';
import { EngineError } from '../../errors';
import type { EngineDeps } from '../../deps/engine-deps';
import { filterFromParams } from '../../search';
import { parseInput } from '../parse-input';

export interface SavedViewItem {
  id: string;
  name: string;
  /** The instance list's URL query string, e.g. "status=failed&where=context.tier+%3D+gold". */
  query: string;
  shared: boolean;
  ownerId: string;
  mine: boolean;
  updatedAt: Date;
}

const MAX_VIEWS_PER_OWNER = 100;

// An actor without a role (the local CLI, the system) holds the database credentials anyway: treat as admin.
const roleOf = (ctx: TenantContext) => ctx.actor.role ?? 'admin';

const toItem =
  (ctx: TenantContext) =>
  (row: {
    id: string;
    name: string;
    query: string;
    shared: boolean;
    ownerId: string;
    updatedAt: Date;
  }): SavedViewItem => ({
    id: row.id,
    name: row.name,
    query: row.query,
    shared: row.shared,
    ownerId: row.ownerId,
    mine: row.ownerId === formatActor(ctx.actor),
    updatedAt: row.updatedAt,
  });

/** The caller's own views and every shared view of the tenant, by name. */
export async function listSavedViews(deps: EngineDeps, ctx: TenantContext): Promise<SavedViewItem[]> {
  const rows = await deps.prisma.savedView.findMany({
    where: { tenantId: ctx.tenantId, OR: [{ ownerId: formatActor(ctx.actor) }, { shared: true }] },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: 500,
  });
  return rows.map(toItem(ctx));
}

/** Saves (or replaces, by name) one of the caller's views; the query must be a valid instance filter. */
export async function saveView(deps: EngineDeps, ctx: TenantContext, raw: SaveViewInput): Promise<SavedViewItem> {
  const input = parseInput(saveViewInput, raw);
  const { errors } = filterFromParams(new URLSearchParams(input.query));
  if (errors.length)
    throw new EngineError(
      'BAD_INPUT',
      `query: ${errors.join('; ')}`,
      errors.map((message) => ({ path: 'query', message })),
    );
  if (input.shared && !roleAllows(roleOf(ctx), 'operator'))
    throw new EngineError(
      'FORBIDDEN',
      'sharing a view with the tenant needs the operator role; save it as a personal view instead',
    );
  const ownerId = formatActor(ctx.actor);
  const owned = await deps.prisma.savedView.count({ where: { tenantId: ctx.tenantId, ownerId } });
  const existing = await deps.prisma.savedView.findUnique({
    where: { tenantId_ownerId_name: { tenantId: ctx.tenantId, ownerId, name: input.name } },
  });
  if (!existing && owned >= MAX_VIEWS_PER_OWNER)
    throw new EngineError(
      'BAD_INPUT',
      `name: you have ${MAX_VIEWS_PER_OWNER} saved views, the most allowed; delete one first`,
    );
  const row = await deps.prisma.savedView.upsert({
    where: { tenantId_ownerId_name: { tenantId: ctx.tenantId, ownerId, name: input.name } },
    create: { tenantId: ctx.tenantId, ownerId, name: input.name, query: input.query, shared: input.shared },
    update: { query: input.query, shared: input.shared },
  });
  return toItem(ctx)(row);
}

/** Deletes a view: your own, or — as an admin — a shared one. Another person's personal view is not found. */
export async function deleteView(deps: EngineDeps, ctx: TenantContext, raw: ViewIdInput): Promise<{ deleted: true }> {
  const { viewId } = parseInput(viewIdInput, raw);
  const row = await deps.prisma.savedView.findFirst({ where: { id: viewId, tenantId: ctx.tenantId } });
  const mine = row?.ownerId === formatActor(ctx.actor);
  if (!row || (!mine && !row.shared)) throw new EngineError('NOT_FOUND', `view ${viewId} was not found`);
  if (!mine && !roleAllows(roleOf(ctx), 'admin'))
    throw new EngineError('FORBIDDEN', 'only its owner or an admin may delete a shared view');
  await deps.prisma.savedView.delete({ where: { id: row.id } });
  return { deleted: true };
}
