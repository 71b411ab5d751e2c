import type { PrismaClient } from '../generated/prisma/client';

/** What a tenant's admin configures for its tasks: the EMAIL sender and the HTTP host allowlist. */
export interface TenantTaskSettings {
  emailFrom: string | null;
  egressAllowedHosts: string[];
}

/** Reads a tenant's task settings; a tenant that does not exist has none (the deployment's defaults apply). */
export async function loadTenantTaskSettings(prisma: PrismaClient, tenantId: string): Promise<TenantTaskSettings> {
  const row = await prisma.tenant.findUnique({
    where: { id: tenantId },
    select: { emailFrom: true, egressAllowedHosts: true },
  });
  return { emailFrom: row?.emailFrom ?? null, egressAllowedHosts: row?.egressAllowedHosts ?? [] };
}
