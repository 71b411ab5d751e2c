import { z } from 'zod';
import type { TenantContext } from '../contracts/actor';
import { recordAudit } from '../access/audit';
import { EngineError } from '../errors';
import { secretAssociatedData } from '../secrets/keyring';
import type { EngineDeps } from '../deps/engine-deps';
import { SECRET_NAME_PATTERN, SECRET_NAME_RULE } from '../spec/secret-refs';
import { parseInput } from './parse-input';

// A value shorter than this could not be told apart from ordinary text when it is redacted from task output.
export const SECRET_VALUE_MIN_CHARS = 8;
export const SECRET_VALUE_MAX_CHARS = 8_192;
export const SECRETS_PER_TENANT = 100;

export interface SecretView {
  name: string;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  /** False while the row is still sealed with SECRETS_KEY_PREVIOUS: set it again to re-seal it. */
  sealedWithCurrentKey: boolean;
}

const nameSchema = z.string().regex(SECRET_NAME_PATTERN, `expected a secret name of ${SECRET_NAME_RULE}`);
const setInput = z.object({
  name: nameSchema,
  value: z
    .string()
    .min(SECRET_VALUE_MIN_CHARS, `expected a secret value of at least ${SECRET_VALUE_MIN_CHARS} characters`)
    .max(SECRET_VALUE_MAX_CHARS, `expected a secret value of at most ${SECRET_VALUE_MAX_CHARS} characters`),
  reason: z.string().max(2_000, 'expected a reason of at most 2000 characters').optional(),
});

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
  raw: { name: string; value: string; reason?: string },
): Promise<{ name: string; created: boolean; updatedAt: Date }> {
  const input = parseInput(setInput, raw);
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
  raw: { name: string; reason?: string },
): Promise<{ name: string }> {
  const input = parseInput(
    z.object({
      name: nameSchema,
      reason: z.string().max(2_000, 'expected a reason of at most 2000 characters').optional(),
    }),
    raw,
  );
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
