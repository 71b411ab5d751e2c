import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebHarness, type WebHarness } from '../support/web-harness';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

const tokenOf = (link: string) => link.split('/invite/')[1]!;

describe('invitations', () => {
  let h: WebHarness;
  let adminHeaders: Headers;
  beforeAll(async () => {
    h = await createWebHarness();
    adminHeaders = await h.signIn('admin@demo.test', 'admin-password');
  });
  afterAll(async () => h.close());

  it('mails a one-time link; the invited person sets a password, signs in and holds exactly the invited role', async () => {
    const admin = h.caller(adminHeaders, 'demo');
    const { invitation, link } = await admin.invitations.create({ email: 'New.Person@Example.test', role: 'operator' });
    expect(invitation).toMatchObject({ email: 'new.person@example.test', role: 'operator', status: 'pending' });
    expect(link).toMatch(/^http:\/\/localhost:3000\/invite\/inv_/);

    // Sent through the EMAIL path: without SMTP_URL it lands in MailMessage, link included.
    const mail = await h.engine.deps.prisma.mailMessage.findFirstOrThrow({
      where: { tenantId: 'demo', to: 'new.person@example.test' },
    });
    expect(mail.subject).toContain('invited');
    expect(mail.text).toContain(link);
    // Only a hash of the token is stored.
    const row = await h.engine.deps.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(JSON.stringify(row)).not.toContain(tokenOf(link!));

    const anonymous = h.caller(new Headers());
    expect(await anonymous.invitations.preview({ token: tokenOf(link!) })).toMatchObject({
      email: 'new.person@example.test',
      tenantId: 'demo',
      role: 'operator',
      accountExists: false,
    });
    expect(
      await anonymous.invitations.accept({ token: tokenOf(link!), name: 'New Person', password: 'a-long-password' }),
    ).toEqual({ email: 'new.person@example.test', tenantId: 'demo', role: 'operator' });

    const me = await h.caller(await h.signIn('new.person@example.test', 'a-long-password')).me.get();
    expect(me.tenants).toEqual([{ tenantId: 'demo', name: expect.any(String), role: 'operator' }]);
    // The link works once.
    expect(
      await codeOf(
        anonymous.invitations.accept({ token: tokenOf(link!), name: 'Again', password: 'another-password' }),
      ),
    ).toBe('NOT_FOUND');
    const audit = await admin.access.audit({ action: 'invitation.accepted' });
    expect(audit[0]).toMatchObject({ action: 'invitation.accepted', actorId: 'new.person@example.test' });
  });

  it('lets a person who already has an account accept while signed in as that address, and nobody else', async () => {
    const acmeAdmin = h.caller(await h.signIn('admin@acme.test', 'acme-password'), 'acme');
    const { link } = await acmeAdmin.invitations.create({ email: 'operator@demo.test', role: 'admin' });
    const token = tokenOf(link!);
    expect((await h.caller(new Headers()).invitations.preview({ token })).accountExists).toBe(true);
    // Signed out, the account cannot be created again.
    expect(
      await codeOf(h.caller(new Headers()).invitations.accept({ token, name: 'X', password: 'a-long-password' })),
    ).toBe('CONFLICT');
    // Another signed-in person holding the link gains nothing.
    expect(
      await codeOf(h.caller(await h.signIn('viewer@demo.test', 'viewer-password')).invitations.accept({ token })),
    ).toBe('FORBIDDEN');
    const operatorHeaders = await h.signIn('operator@demo.test', 'operator-password');
    expect(await h.caller(operatorHeaders).invitations.accept({ token })).toMatchObject({
      tenantId: 'acme',
      role: 'admin',
    });
    expect((await h.caller(operatorHeaders).me.get()).tenants.map((t) => [t.tenantId, t.role])).toEqual([
      ['demo', 'operator'],
      ['acme', 'admin'],
    ]);
  });

  it('refuses expired and revoked links, and inviting someone who is already a member', async () => {
    const admin = h.caller(adminHeaders, 'demo');
    const expired = await admin.invitations.create({ email: 'late@example.test', role: 'viewer' });
    await h.engine.deps.prisma.invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await codeOf(h.caller(new Headers()).invitations.preview({ token: tokenOf(expired.link!) }))).toBe(
      'NOT_FOUND',
    );
    expect((await admin.invitations.list()).find((i) => i.id === expired.invitation.id)?.status).toBe('expired');

    const revoked = await admin.invitations.create({ email: 'withdrawn@example.test', role: 'viewer' });
    await admin.invitations.revoke({ invitationId: revoked.invitation.id, reason: 'sent to the wrong person' });
    expect(
      await codeOf(
        h
          .caller(new Headers())
          .invitations.accept({ token: tokenOf(revoked.link!), name: 'W', password: 'a-long-password' }),
      ),
    ).toBe('NOT_FOUND');

    expect(await codeOf(admin.invitations.create({ email: 'viewer@demo.test', role: 'admin' }))).toBe('CONFLICT');
  });

  it('names the field and the limit when an invitation input is bad, and writes nothing', async () => {
    const admin = h.caller(adminHeaders, 'demo');
    const before = await h.engine.deps.prisma.invitation.count();
    await expect(
      admin.invitations.create({ email: `${'a'.repeat(250)}@example.test`, role: 'viewer' }),
    ).rejects.toThrow(/email: at most 254 characters/);
    const { link } = await admin.invitations.create({ email: 'short@example.test', role: 'viewer' });
    await expect(
      h.caller(new Headers()).invitations.accept({ token: tokenOf(link!), name: 'S', password: 'short' }),
    ).rejects.toThrow(/password: at least 10 characters/);
    expect(await h.engine.deps.prisma.user.count({ where: { email: 'short@example.test' } })).toBe(0);
    expect(await h.engine.deps.prisma.invitation.count()).toBe(before + 1);
  });
});

describe('sign-up', () => {
  it('is off by default, with one answer for taken and free addresses', async () => {
    const h = await createWebHarness();
    try {
      const taken = await h.auth.api.signUpEmail({
        body: { email: 'admin@demo.test', password: 'whatever-password', name: 'Squatter' },
        asResponse: true,
      });
      const free = await h.auth.api.signUpEmail({
        body: { email: 'nobody@example.test', password: 'whatever-password', name: 'Squatter' },
        asResponse: true,
      });
      expect([taken.status, free.status]).toEqual([400, 400]);
      expect(await taken.json()).toEqual(await free.json());
      expect(await h.engine.deps.prisma.user.count({ where: { email: 'nobody@example.test' } })).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('when opened (AUTH_OPEN_SIGNUP) answers a taken address like a free one, and a squatted account gains no role', async () => {
    const h = await createWebHarness({ openSignUp: true });
    try {
      const body = (email: string) => ({
        body: { email, password: 'squatter-password', name: 'Squatter' },
        asResponse: true as const,
      });
      const taken = await h.auth.api.signUpEmail(body('viewer@demo.test'));
      const squat = await h.auth.api.signUpEmail(body('NewHire@acme.test'));
      expect([taken.status, squat.status]).toEqual([200, 200]);
      const shape = async (r: Response) => Object.keys(((await r.json()) as { user: object }).user).sort();
      expect(await shape(taken)).toEqual(await shape(squat));

      // acme's admin wants the new hire: adding by email is gone, an invitation is the only way in.
      const acmeAdmin = h.caller(await h.signIn('admin@acme.test', 'acme-password'), 'acme');
      expect(
        await codeOf(acmeAdmin.access.setMemberRole({ email: 'newhire@acme.test', role: 'admin', reason: 'new hire' })),
      ).toBe('NOT_FOUND');
      await acmeAdmin.invitations.create({ email: 'newhire@acme.test', role: 'admin' });

      const squatter = h.caller(await h.signIn('newhire@acme.test', 'squatter-password'));
      expect((await squatter.me.get()).tenants).toEqual([]);
      // The link went to the real mailbox, not to the account: the role waits with the invitation.
      expect(await codeOf(squatter.instances.list({}))).toBe('NOT_FOUND');
      expect((await acmeAdmin.invitations.list()).find((i) => i.email === 'newhire@acme.test')?.status).toBe('pending');
      expect(await h.engine.deps.prisma.membership.count({ where: { user: { email: 'newhire@acme.test' } } })).toBe(0);
    } finally {
      await h.close();
    }
  });
});
