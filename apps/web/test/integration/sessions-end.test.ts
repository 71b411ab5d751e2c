import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebHarness, type Caller, type WebHarness } from '../support/web-harness';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

/** Opens instances.watch and reads it until it ends; resolves with how it ended (the test timeout bounds it). */
async function openWatch(caller: Caller, instanceId: string): Promise<{ first: unknown; ended: Promise<string> }> {
  const stream = (await caller.instances.watch({ instanceId })) as AsyncIterable<unknown>;
  const iterator = stream[Symbol.asyncIterator]();
  const first = (await iterator.next()).value;
  const ended = (async () => {
    try {
      for (;;) if ((await iterator.next()).done) return 'completed';
    } catch (error) {
      return error instanceof TRPCError ? error.code : String(error);
    }
  })();
  return { first, ended };
}

describe('sessions end everywhere', () => {
  let h: WebHarness;
  let instanceId: string;
  const demoAdmin = {
    tenantId: 'demo',
    actor: { type: 'operator' as const, id: 'admin@demo.test', role: 'admin' as const },
  };
  beforeAll(async () => {
    h = await createWebHarness();
    await h.engine.service.publishDefinition(demoAdmin, {
      spec: {
        id: 'waits',
        initial: 'idle',
        states: { idle: { on: { GO: { target: 'done' } } }, done: { type: 'final' } },
      },
    });
    ({ instanceId } = await h.engine.service.startInstance(demoAdmin, { definitionKey: 'waits' }));
  });
  afterAll(async () => h.close());

  it('closes an open watch stream once its session signs out', async () => {
    const headers = await h.signIn('viewer@demo.test', 'viewer-password');
    const watch = await openWatch(h.caller(headers), instanceId);
    expect(watch.first).toMatchObject({ stateValue: 'idle' });
    await h.auth.api.signOut({ headers });
    expect(await watch.ended).toBe('UNAUTHORIZED');
  });

  it('closes an open watch stream once its token is revoked', async () => {
    const created = await h.engine.service.createApiToken(demoAdmin, { name: 'watcher', role: 'viewer' });
    const watch = await openWatch(h.caller(new Headers({ authorization: `Bearer ${created.token}` })), instanceId);
    await h.engine.service.revokeApiToken(demoAdmin, { tokenId: created.apiToken.id, reason: 'leaked' });
    expect(await watch.ended).toBe('UNAUTHORIZED');
  });

  it('closes an open watch stream once the watcher loses their place in the tenant', async () => {
    const acmeAdmin = h.caller(await h.signIn('admin@acme.test', 'acme-password'), 'acme');
    const { link } = await acmeAdmin.invitations.create({ email: 'temp@example.test', role: 'viewer' });
    await h
      .caller(new Headers())
      .invitations.accept({ token: link!.split('/invite/')[1]!, name: 'Temp', password: 'temp-password' });
    const demoInvite = await h
      .caller(await h.signIn('admin@demo.test', 'admin-password'), 'demo')
      .invitations.create({ email: 'temp@example.test', role: 'viewer' });
    const tempHeaders = await h.signIn('temp@example.test', 'temp-password');
    await h.caller(tempHeaders).invitations.accept({ token: demoInvite.link!.split('/invite/')[1]! });
    const watch = await openWatch(h.caller(tempHeaders, 'demo'), instanceId);
    const temp = await h.engine.deps.prisma.user.findUniqueOrThrow({ where: { email: 'temp@example.test' } });
    await h.engine.service.removeMember(demoAdmin, { userId: temp.id, reason: 'left' });
    expect(await watch.ended).toBe('NOT_FOUND');
  });
});

describe('the last admin and tokens bounded by their creator', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await createWebHarness();
  });
  afterAll(async () => h.close());

  it('refuses to demote or remove the last admin of a tenant, by any path', async () => {
    const acmeAdmin = h.caller(await h.signIn('admin@acme.test', 'acme-password'), 'acme');
    const alan = await h.engine.deps.prisma.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } });
    await expect(
      acmeAdmin.access.setMemberRole({ email: 'admin@acme.test', role: 'viewer', reason: 'oops' }),
    ).rejects.toThrow(/last admin of a tenant cannot be demoted/);
    expect(await codeOf(acmeAdmin.access.removeMember({ userId: alan.id, reason: 'oops' }))).toBe('CONFLICT');
    expect((await acmeAdmin.access.members()).find((m) => m.email === 'admin@acme.test')?.role).toBe('admin');

    // With a second admin, either may step down.
    const { link } = await acmeAdmin.invitations.create({ email: 'second@acme.test', role: 'admin' });
    await h
      .caller(new Headers())
      .invitations.accept({ token: link!.split('/invite/')[1]!, name: 'Second', password: 'second-password' });
    expect(
      (await acmeAdmin.access.setMemberRole({ email: 'admin@acme.test', role: 'operator', reason: 'handing over' }))
        .role,
    ).toBe('operator');
    const second = h.caller(await h.signIn('second@acme.test', 'second-password'), 'acme');
    await expect(
      second.access.setMemberRole({ email: 'second@acme.test', role: 'viewer', reason: 'oops' }),
    ).rejects.toThrow(/last admin/);
  });

  it("lowers a token to its creator's current role, and kills it when the creator leaves", async () => {
    const adminHeaders = await h.signIn('admin@demo.test', 'admin-password');
    // A second admin, so the first can be demoted.
    const { link } = await h
      .caller(adminHeaders, 'demo')
      .invitations.create({ email: 'boss@demo.test', role: 'admin' });
    await h
      .caller(new Headers())
      .invitations.accept({ token: link!.split('/invite/')[1]!, name: 'Boss', password: 'boss-password' });
    const boss = h.caller(await h.signIn('boss@demo.test', 'boss-password'), 'demo');

    const { token } = await h.caller(adminHeaders, 'demo').access.createToken({ name: 'ci', role: 'admin' });
    const asToken = () => h.caller(new Headers({ authorization: `Bearer ${token}` }));
    expect((await asToken().me.get()).current?.role).toBe('admin');
    // A token made by that token is bounded by the same person.
    const child = await asToken().access.createToken({ name: 'ci-child', role: 'operator' });
    const asChild = () => h.caller(new Headers({ authorization: `Bearer ${child.token}` }));

    await boss.access.setMemberRole({ email: 'admin@demo.test', role: 'viewer', reason: 'moved teams' });
    expect((await asToken().me.get()).current?.role).toBe('viewer');
    expect(await codeOf(asToken().access.tokens())).toBe('FORBIDDEN');
    expect(await codeOf(asChild().instances.start({ definitionKey: 'hello-workflow' }))).toBe('FORBIDDEN');

    const ada = await h.engine.deps.prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.test' } });
    await boss.access.removeMember({ userId: ada.id, reason: 'left the company' });
    expect(await codeOf(asToken().me.get())).toBe('UNAUTHORIZED');
    expect(await codeOf(asChild().me.get())).toBe('UNAUTHORIZED');
  });
});
