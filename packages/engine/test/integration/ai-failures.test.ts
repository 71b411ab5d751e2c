import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstanceDetail } from '../../src/service';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server';
import { createHarness, type Harness } from '../support/harness';

// Failures of the model call go through the engine's normal retry: each attempt is in the timeline,
// with the backoff, and the last one fails the task with an error a person can act on.

function ticket(marker: string) {
  return {
    ticket: {
      id: marker,
      subject: `${marker}: cannot log in`,
      body: 'The login page shows an error since this morning.',
      customer: { name: 'Ada', email: 'ada@example.com', plan: 'free' },
    },
  };
}

const aiTask = (i: InstanceDetail) => i.tasks.find((t) => t.type === 'AI_DECISION')!;
const valid = {
  decision: {
    event: 'ROUTE_TECHNICAL',
    payload: { summary: 'login broken' },
    rationale: 'a login bug',
    confidence: 0.8,
  },
};

describe('AI decisions when the model misbehaves', () => {
  let h: Harness;
  let model: FakeOpenAiServer;
  beforeAll(async () => {
    model = await startFakeOpenAiServer();
    h = await createHarness();
    h.startWorker({
      backoff: { baseMs: 100, maxMs: 1_000 },
      ai: { openaiCompatible: { baseUrl: model.baseUrl, defaultModel: 'fake-model' }, timeoutMs: 500 },
    });
  });
  afterAll(async () => {
    await h.close();
    await model.close();
  });

  async function run(marker: string, done: (i: InstanceDetail) => boolean) {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'support-triage',
      input: ticket(marker),
    });
    const instance = await h.waitForInstance(instanceId, done);
    const timeline = await h.engine.service.getTimeline(h.ctx, {
      instanceId,
      types: ['task.attempt_failed', 'task.failed', 'task.succeeded'],
    });
    return { instance, timeline: timeline.filter((e) => e.taskId === aiTask(instance).id) };
  }

  it('retries malformed output with backoff, then fails the task with a clear error and the instance hears TASK_FAILED', async () => {
    model.script('case-malformed', [
      { content: '{"event":"ROUTE_TECHNICAL","payload":{},"rationale":"x","confidence":7}' },
      { content: 'Sure! This looks like a technical issue.' },
    ]);
    const { instance, timeline } = await run('case-malformed', (i) => i.stateValue === 'needs_human');

    expect(aiTask(instance)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(aiTask(instance).lastError).toContain("the model's answer is not a valid decision");
    expect(aiTask(instance).lastError).toContain('raw response: "Sure! This looks like a technical issue."');
    expect(timeline.map((e) => e.type)).toEqual(['task.attempt_failed', 'task.attempt_failed', 'task.failed']);
    expect((timeline[0]!.payload as { error: string }).error).toContain('"confidence\\":7');
    expect(timeline.slice(0, 2).map((e) => (e.payload as { retryInMs: number }).retryInMs)).toEqual([100, 200]);
    expect(instance.context.triage).toEqual({ failed: aiTask(instance).lastError });
    expect(model.requestsFor('case-malformed')).toHaveLength(3);
  });

  it('succeeds on a later attempt once the model answers properly', async () => {
    model.script('case-recovers', [{ content: 'not json at all' }, valid]);
    const { instance, timeline } = await run('case-recovers', (i) => i.status === 'completed');
    expect(instance.stateValue).toBe('done');
    expect(aiTask(instance)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(timeline.map((e) => e.type)).toEqual(['task.attempt_failed', 'task.succeeded']);
  });

  it('retries when the provider answers HTTP 500', async () => {
    model.script('case-http500', [
      { status: 500, body: { error: { message: 'upstream overloaded', type: 'server_error' } } },
      valid,
    ]);
    const { instance, timeline } = await run('case-http500', (i) => i.status === 'completed');
    expect(instance.context.triage).toMatchObject({ route: 'ROUTE_TECHNICAL' });
    expect(timeline[0]).toMatchObject({
      type: 'task.attempt_failed',
      payload: expect.objectContaining({
        retryInMs: 100,
        error: expect.stringContaining('the model provider answered 500'),
      }),
    });
    expect((timeline[0]!.payload as { error: string }).error).toContain('upstream overloaded');
  });

  it('retries when the model does not answer in time', async () => {
    model.script('case-timeout', [{ delayMs: 3_000, then: valid }, valid]);
    const { instance, timeline } = await run('case-timeout', (i) => i.status === 'completed');
    expect(aiTask(instance).attempts).toBe(2);
    expect(timeline[0]).toMatchObject({
      type: 'task.attempt_failed',
      payload: expect.objectContaining({ error: 'the model did not answer within 500 ms' }),
    });
  });

  it('does not retry when the provider refuses the request itself (HTTP 401)', async () => {
    model.script('case-http401', [
      { status: 401, body: { error: { message: 'invalid api key', type: 'auth_error' } } },
    ]);
    const { instance, timeline } = await run('case-http401', (i) => i.stateValue === 'needs_human');
    expect(aiTask(instance)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(timeline.map((e) => e.type)).toEqual(['task.failed']);
    expect(aiTask(instance).lastError).toContain('answered 401');
  });
});

describe('AI decisions without a provider', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    h.startWorker(); // no `ai` configuration, as when no AI_* variable is set
  });
  afterAll(async () => h.close());

  it('fails the task at once with a message saying what to configure; the worker keeps running', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'support-triage',
      input: ticket('case-unconfigured'),
    });
    const stuck = await h.waitForInstance(instanceId, (i) => i.stateValue === 'needs_human');
    expect(aiTask(stuck)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(aiTask(stuck).lastError).toMatch(/^no AI provider is configured: set AI_OPENAI_BASE_URL/);

    // An operator can still route the ticket by hand, and the worker carries on.
    await h.engine.service.sendEvent(h.ctx, {
      instanceId,
      type: 'ROUTE_TECHNICAL',
      payload: { summary: 'routed by hand' },
      reason: 'no model configured',
    });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.context.triage).toEqual({ route: 'ROUTE_TECHNICAL', details: { summary: 'routed by hand' } });
  });
});
