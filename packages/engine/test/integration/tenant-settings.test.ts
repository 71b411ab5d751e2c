import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../src/contracts/actor';
import { createHarness, waitUntil, type Harness } from '../support/harness';

// An EMAIL task whose `from` the spec tries to choose.
const mailSpec = {
  id: 'mail-probe',
  initial: 'start',
  states: {
    start: {
      on: {
        WORKFLOW_START: {
          target: 'sending',
          actions: [
            {
              type: 'createTask',
              task: {
                type: 'EMAIL',
                name: 'mail',
                completionEvent: 'SENT',
                input: {
                  to: 'customer@example.com',
                  subject: 'Your statement',
                  text: 'hello',
                  from: { $ref: 'event.payload.from', default: null },
                },
              },
            },
          ],
        },
      },
    },
    sending: { on: { SENT: { target: 'done' } } },
    done: { type: 'final' },
  },
};

describe('tenant settings: EMAIL sender and HTTP host allowlist', () => {
  let h: Harness;
  const acme: TenantContext = { tenantId: 'acme', actor: { type: 'operator', id: 'alan@acme.test', role: 'admin' } };

  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: mailSpec });
    await h.engine.service.publishDefinition(acme, { spec: mailSpec });
    h.startWorker({ emailFrom: 'Switchyard <noreply@switchyard.example>' });
  });
  afterAll(async () => h.close());

  async function sendMail(ctx: TenantContext, input: Record<string, unknown>) {
    const { instanceId } = await h.engine.service.startInstance(ctx, { definitionKey: 'mail-probe', input });
    const done = await waitUntil(async () => {
      const instance = await h.engine.service.getInstance(ctx, { instanceId });
      return instance.status !== 'running' && instance;
    }, `instance ${instanceId} to finish`);
    expect(done.status).toBe('completed');
    const mail = await h.engine.deps.prisma.mailMessage.findFirstOrThrow({ where: { taskId: done.tasks[0]!.id } });
    return { mail, output: done.tasks[0]!.output };
  }

  it('sends from the deployment default, and a spec-supplied from becomes Reply-To', async () => {
    const { mail, output } = await sendMail(h.ctx, { from: 'ceo@bank.example' });
    expect(mail.from).toBe('Switchyard <noreply@switchyard.example>');
    expect(mail.raw).toMatch(/^From: Switchyard <noreply@switchyard\.example>$/m);
    expect(mail.raw).toMatch(/^Reply-To: ceo@bank\.example$/m);
    expect(mail.raw).not.toMatch(/^From: .*ceo@bank\.example/m);
    expect(output).toMatchObject({ from: 'Switchyard <noreply@switchyard.example>' });
  });

  it("sends from the tenant's configured sender once an admin sets it, audited", async () => {
    await h.engine.service.setEmailSender(acme, {
      emailFrom: 'Acme Billing <billing@acme.example>',
      reason: 'our own domain',
    });
    const { mail } = await sendMail(acme, { from: 'ceo@bank.example' });
    expect(mail.raw).toMatch(/^From: Acme Billing <billing@acme\.example>$/m);
    expect(mail.raw).toMatch(/^Reply-To: ceo@bank\.example$/m);
    // The other tenant keeps the deployment default.
    expect((await sendMail(h.ctx, {})).mail.from).toBe('Switchyard <noreply@switchyard.example>');

    const audit = await h.engine.service.listAudit(acme, { action: 'tenant.email_sender_set' });
    expect(audit[0]).toMatchObject({
      actorId: 'alan@acme.test',
      reason: 'our own domain',
      payload: { before: null, after: 'Acme Billing <billing@acme.example>' },
    });
  });

  it('refuses a sender that is not an address, naming what was expected', async () => {
    await expect(
      h.engine.service.setEmailSender(acme, { emailFrom: 'Eve\r\nBcc: all@x.example <eve@x.example>' }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('emailFrom: expected an email address'),
    });
    expect((await h.engine.service.getTenantSettings(acme)).emailFrom).toBe('Acme Billing <billing@acme.example>');
  });

  it('stores a normalised host allowlist, audits the change and refuses bad entries with their index', async () => {
    const saved = await h.engine.service.setEgressAllowedHosts(acme, {
      hosts: ['API.example.com', '*.hooks.example', 'api.example.com'],
      reason: 'only our partners',
    });
    expect(saved.egressAllowedHosts).toEqual(['api.example.com', '*.hooks.example']);
    await expect(
      h.engine.service.setEgressAllowedHosts(acme, { hosts: ['ok.example', 'https://evil.example/path'] }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      details: [expect.objectContaining({ path: 'hosts.1', message: expect.stringContaining('is not a host name') })],
    });
    expect((await h.engine.service.getTenantSettings(acme)).egressAllowedHosts).toEqual([
      'api.example.com',
      '*.hooks.example',
    ]);
    const audit = await h.engine.service.listAudit(acme, { action: 'tenant.egress_hosts_set' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      reason: 'only our partners',
      payload: { before: [], after: ['api.example.com', '*.hooks.example'] },
    });
  });
});
