import type { TenantContext } from '../contracts/actor';
import {
  deleteSecretInput,
  setSecretInput,
  type DeleteSecretInput,
  type SetSecretInput,
} from '../contracts/admin-actions';
import { recordAudit } from '../access/audit';
import { EngineError } from '../errors';
import { secretAssociatedData } from '../secrets/keyring';
import type { EngineDeps } from '../deps/engine-deps';
import { parseInput } from './parse-input';

export const SECRETS_PER_TENANT = 100;

export interface SecretView {
  name: string;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  /** False while the row is still sealed with SECRETS_KEY_PREVIOUS: set it again to re-seal it. */
  sealedWithCurrentKey: boolean;
}

/** The tenant's secrets: names and dates only, never a value. */
export async function listSecrets(deps: EngineDeps, ctx: TenantContext): Promise<SecretView[]> {
  const rows = await deps.prisma.tenantSecret.findMany({
    where: { tenantId: ctx.tenantId },
    select: { name: true, createdAt: true, updatedAt: true, updatedBy: true, keyId: true },
    orderBy: { name: 'asc' },
  });
  return rows.map(({ keyId, ...row }) => ({ ...row, sealedWithCurrentKey: keyId === deps.secrets.currentKeyId }));
}

/** Creates or rotates a secret: the value is sealed here and never returned; the audit row names it only. */
export async function setSecret(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: SetSecretInput,
): Promise<{ name: string; created: boolean; updatedAt: Date }> {
  const input = parseInput(setSecretInput, raw);
  const sealed = deps.secrets.seal(input.value, secretAssociatedData(ctx.tenantId, input.name));
  const by = `${ctx.actor.type}:${ctx.actor.id}`;
  return deps.prisma.$transaction(async (tx) => {
    const existing = await tx.tenantSecret.findUnique({
      where: { tenantId_name: { tenantId: ctx.tenantId, name: input.name } },
      select: { id: true },
    });
    if (!existing && (await tx.tenantSecret.count({ where: { tenantId: ctx.tenantId } })) >= SECRETS_PER_TENANT) {
      throw new EngineError('BAD_INPUT', `a tenant holds at most ${SECRETS_PER_TENANT} secrets; delete one first`, [
        { path: 'name', message: `limit of ${SECRETS_PER_TENANT} secrets reached` },
      ]);
    }
    const row = await tx.tenantSecret.upsert({
      where: { tenantId_name: { tenantId: ctx.tenantId, name: input.name } },
      create: { tenantId: ctx.tenantId, name: input.name, ...sealed, createdBy: by, updatedBy: by },
      update: { ...sealed, updatedBy: by },
      select: { id: true, updatedAt: true },
    });
    const created = !existing;
    await recordAudit(tx, ctx, {
      action: created ? 'secret.created' : 'secret.rotated',
      targetType: 'secret',
      targetId: input.name,
      reason: input.reason ?? null,
      payload: { name: input.name },
    });
    return { name: input.name, created, updatedAt: row.updatedAt };
  });
}

/** Deletes a secret; tasks naming it fail from then on with a clear error. */
export async function deleteSecret(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: DeleteSecretInput,
): Promise<{ name: string }> {
  const input = parseInput(deleteSecretInput, raw);
  await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.tenantSecret.deleteMany({ where: { tenantId: ctx.tenantId, name: input.name } });
    if (count === 0) throw new EngineError('NOT_FOUND', `secret "${input.name}" was not found`);
    await recordAudit(tx, ctx, {
      action: 'secret.deleted',
      targetType: 'secret',
      targetId: input.name,
      reason: input.reason ?? null,
      payload: { name: input.name },
    });
  });
  return { name: input.name };
}
