import { randomUUID } from 'node:crypto';
import { hashPassword } from './access/password';
import type { Role } from './contracts/roles';
import type { PrismaClient } from './generated/prisma/client';

/** Development accounts: printed by `switchyard seed`, never for production. */
export const demoPeople: {
  email: string;
  name: string;
  password: string;
  memberships: { tenantId: string; role: Role }[];
}[] = [
  {
    email: 'admin@demo.test',
    name: 'Ada Admin',
    password: 'admin-password',
    memberships: [
      { tenantId: 'demo', role: 'admin' },
      { tenantId: 'acme', role: 'viewer' },
    ],
  },
  {
    email: 'operator@demo.test',
    name: 'Otto Operator',
    password: 'operator-password',
    memberships: [{ tenantId: 'demo', role: 'operator' }],
  },
  {
    email: 'viewer@demo.test',
    name: 'Vera Viewer',
    password: 'viewer-password',
    memberships: [{ tenantId: 'demo', role: 'viewer' }],
  },
  {
    email: 'admin@acme.test',
    name: 'Alan Acme',
    password: 'acme-password',
    memberships: [{ tenantId: 'acme', role: 'admin' }],
  },
];

/**
 * Creates the demo people with a credential account in Better Auth's schema (provider "credential"; the
 * password hash is ours, and the console's Better Auth instance verifies with the same function).
 */
export async function seedPeople(prisma: PrismaClient): Promise<void> {
  for (const person of demoPeople) {
    const existing = await prisma.user.findUnique({ where: { email: person.email } });
    const userId = existing?.id ?? randomUUID();
    if (!existing) {
      const password = await hashPassword(person.password);
      await prisma.$transaction([
        prisma.user.create({ data: { id: userId, email: person.email, name: person.name, emailVerified: true } }),
        prisma.account.create({
          data: { id: randomUUID(), accountId: userId, providerId: 'credential', userId, password },
        }),
      ]);
    }
    for (const m of person.memberships) {
      await prisma.membership.upsert({
        where: { tenantId_userId: { tenantId: m.tenantId, userId } },
        create: { tenantId: m.tenantId, userId, role: m.role },
        update: {},
      });
    }
  }
}
