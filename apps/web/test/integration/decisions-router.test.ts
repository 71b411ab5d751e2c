import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '../../../../packages/engine/test/support/fake-openai-server';
import { waitUntil } from '../../../../packages/engine/test/support/harness';
import { createWebHarness, type WebHarness } from '../support/web-harness';

// The seeded refund-approval workflow waits for an operator; a marker in the refund picks the fake model's answer.
let h: WebHarness;
let model: FakeOpenAiServer;
let operator: Headers;
let viewer: Headers;

function refund(marker: string) {
  return {
    refund: {
      orderId: marker,
      amount: 120,
      reason: `${marker}: the parcel never arrived`,
      customer: { name: 'Ada', email: 'ada@example.com' },
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** Starts a refund-approval instance whose model proposes `event`, and waits for its decision in the inbox. */
async function pendingFor(marker: string, event = 'APPROVE_REFUND') {
  model.script(marker, [
    {
      decision: {
        event,
        payload: { message: `model says ${event}` },
        rationale: `looks like ${event}`,
        confidence: 0.7,
      },
    },
  ]);
  const { instanceId } = await h
    .caller(operator)
    .instances.start({ definitionKey: 'refund-approval', input: refund(marker), businessKey: `order-${marker}` });
  const pending = await waitUntil(
    async () => (await h.caller(viewer).decisions.pending()).find((d) => d.instanceId === instanceId),
    'the pending decision',
  );
  return { instanceId, pending };
}

beforeAll(async () => {
  model = await startFakeOpenAiServer();
  h = await createWebHarness();
  h.startWorker({
    ai: {
      openaiCompatible: { baseUrl: model.baseUrl, apiKey: 'test-key', defaultModel: 'fake-model' },
      timeoutMs: 5_000,
    },
  });
  operator = await h.signIn('operator@demo.test', 'operator-password');
  viewer = await h.signIn('viewer@demo.test', 'viewer-password');
});
afterAll(async () => {
  await h.close();
  await model.close();
});

describe('decisions router', () => {
  it('lists a decision awaiting approval for a viewer, with its full record on the instance', async () => {
    const { instanceId, pending } = await pendingFor('web-pending');
    expect(pending).toMatchObject({
      definitionKey: 'refund-approval',
      businessKey: 'order-web-pending',
      instanceStatus: 'running',
      payload: { message: 'model says APPROVE_REFUND' },
      facts: [
        { field: 'refund.orderId', value: 'web-pending' },
        { field: 'refund.amount', value: 120 },
        { field: 'refund.reason', value: 'web-pending: the parcel never arrived' },
      ],
      stateValue: 'reviewing',
      proposedEvent: 'APPROVE_REFUND',
      confidence: 0.7,
      allowedEvents: ['APPROVE_REFUND', 'DENY_REFUND'],
      model: 'openai-compatible:fake-model',
    });
    expect(typeof pending.createdAt).toBe('string');

    const [view] = await h.caller(viewer).decisions.forInstance({ instanceId });
    expect(view?.decision).toMatchObject({
      decision: { event: 'APPROVE_REFUND', rationale: 'looks like APPROVE_REFUND' },
      policy: {
        outcome: 'awaiting_approval',
        allowedEvents: ['APPROVE_REFUND', 'DENY_REFUND'],
        reason: expect.stringContaining('requires an operator'),
      },
      usage: { inputTokens: 120, outputTokens: 30, totalTokens: 150 },
      approval: { status: 'pending', by: null },
    });
    expect(view?.decision?.prompt.user).toContain('web-pending');
    expect(JSON.parse(view?.decision?.rawResponse ?? '{}')).toMatchObject({ event: 'APPROVE_REFUND' });
  });

  it('refuses approval from a viewer (FORBIDDEN) and leaves the decision pending', async () => {
    const { instanceId, pending } = await pendingFor('web-viewer');
    const error = await rejection(h.caller(viewer).decisions.approve({ taskId: pending.taskId, reason: 'looks fine' }));
    expect(error.code).toBe('FORBIDDEN');
    const [view] = await h.caller(viewer).decisions.forInstance({ instanceId });
    expect(view?.decision?.approval.status).toBe('pending');
  });

  it('lets an operator approve: the instance moves and the timeline says who and why', async () => {
    const { instanceId, pending } = await pendingFor('web-approve');
    const result = await h
      .caller(operator)
      .decisions.approve({ taskId: pending.taskId, reason: 'tracking confirms loss' });
    expect(result).toMatchObject({ status: 'approved', event: 'APPROVE_REFUND', instanceId });

    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.context.outcome).toMatchObject({ decision: 'approved' });
    expect((await h.caller(viewer).decisions.pending()).map((d) => d.taskId)).not.toContain(pending.taskId);
    const timeline = await h.caller(viewer).instances.timeline({ instanceId, types: ['decision.approved'] });
    expect(timeline).toEqual([
      expect.objectContaining({
        actorType: 'operator',
        actorId: 'operator@demo.test',
        payload: expect.objectContaining({ event: 'APPROVE_REFUND', reason: 'tracking confirms loss' }),
      }),
    ]);
  });

  it('refuses an override with an event outside the allowlist, and accepts an allowed one', async () => {
    const { instanceId, pending } = await pendingFor('web-override');
    const outside = await rejection(
      h.caller(operator).decisions.override({ taskId: pending.taskId, event: 'REFUND_EVERYTHING', reason: 'why not' }),
    );
    expect(outside.code).toBe('FORBIDDEN');
    expect(outside).toMatchObject({ engineCode: 'POLICY_VIOLATION' });
    expect(outside.message).toMatch(/not an allowed event/);
    expect((await h.caller(viewer).decisions.forInstance({ instanceId }))[0]?.decision?.approval.status).toBe(
      'pending',
    );

    const noReason = await rejection(
      h.caller(operator).decisions.override({ taskId: pending.taskId, event: 'DENY_REFUND', reason: ' ' }),
    );
    expect(noReason.code).toBe('BAD_REQUEST');

    await h
      .caller(operator)
      .decisions.override({ taskId: pending.taskId, event: 'DENY_REFUND', reason: 'order was delivered' });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.context.outcome).toMatchObject({ decision: 'denied' });
    const [view] = await h.caller(viewer).decisions.forInstance({ instanceId });
    expect(view?.decision).toMatchObject({
      approval: { status: 'overridden', by: 'operator:operator@demo.test', reason: 'order was delivered' },
      emitted: { type: 'DENY_REFUND' },
    });
  });

  it('lists an instance left in manual review by a rejected decision as waiting for an operator, until someone moves it', async () => {
    const { instanceId, pending } = await pendingFor('web-reject');
    expect((await h.caller(viewer).decisions.awaitingOperator()).map((w) => w.instanceId)).not.toContain(instanceId);
    await h.caller(operator).decisions.reject({ taskId: pending.taskId, reason: 'the customer already got a voucher' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'manual_review');

    const waiting = await waitUntil(
      async () => (await h.caller(viewer).decisions.awaitingOperator()).find((w) => w.instanceId === instanceId),
      'the waiting instance',
    );
    expect(waiting).toMatchObject({
      businessKey: 'order-web-reject',
      stateValue: 'manual_review',
      acceptedEvents: expect.arrayContaining(['APPROVE_REFUND', 'DENY_REFUND']),
      lastDecision: {
        taskName: 'recommend-refund',
        proposedEvent: 'APPROVE_REFUND',
        status: 'rejected',
        by: 'operator:operator@demo.test',
        reason: 'the customer already got a voucher',
      },
    });

    await h.caller(operator).instances.sendEvent({
      instanceId,
      type: 'DENY_REFUND',
      payload: { message: 'no' },
      reason: 'voucher already issued',
    });
    await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect((await h.caller(viewer).decisions.awaitingOperator()).map((w) => w.instanceId)).not.toContain(instanceId);
  });
});
