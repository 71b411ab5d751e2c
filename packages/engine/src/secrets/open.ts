import type { PrismaClient } from '../generated/prisma/client';
import { secretAssociatedData, type SecretsKeyring } from './keyring';

export type OpenedSecrets = { ok: true; values: Map<string, string> } | { ok: false; error: string };

/** Opens named secrets of a tenant just before use; a missing or unopenable one is an error naming it. */
export async function openTenantSecrets(
  deps: { prisma: PrismaClient; secrets: SecretsKeyring },
  tenantId: string,
  names: readonly string[],
): Promise<OpenedSecrets> {
  const rows = await deps.prisma.tenantSecret.findMany({ where: { tenantId, name: { in: [...names] } } });
  const values = new Map<string, string>();
  for (const name of names) {
    const row = rows.find((r) => r.name === name);
    if (!row)
      return {
        ok: false,
        error: `secret "${name}" is not set in this tenant; an admin sets it under Settings → Secrets`,
      };
    try {
      values.set(name, deps.secrets.open(row, secretAssociatedData(tenantId, name)));
    } catch (error) {
      return {
        ok: false,
        error: `secret "${name}" cannot be used: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  return { ok: true, values };
}
