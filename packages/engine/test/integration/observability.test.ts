// Metrics and traces of a worker, scraped and exported as an operator's Prometheus and collector would see them.
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitUntil, type Harness } from '../support/harness';

// Registered before any span is made, as the worker process does when OTEL_TRACES_EXPORTER is set.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

const goSpec = {
  id: 'traced',
  initial: 'waiting',
  states: {
    waiting: {
      on: {
        WORKFLOW_START: { actions: [{ type: 'assign', path: 'started', value: true }] },
        GO: {
          target: 'working',
          actions: [
            { type: 'createTask', task: { type: 'NOOP', name: 'work', input: { n: 1 }, completionEvent: 'DONE' } },
          ],
        },
      },
    },
    working: { on: { DONE: { target: 'done' } } },
    done: { type: 'final' },
  },
};

let h: Harness;
let metricsUrl: string;

beforeAll(async () => {
  h = await createHarness();
  await h.engine.service.publishDefinition(h.ctx, { spec: goSpec });
  const runtime = h.startWorker({ metrics: { host: '127.0.0.1', port: 0 } });
  metricsUrl = (await runtime.ready).metricsUrl ?? '';
});

afterAll(async () => {
  await h?.close();
  await provider.shutdown();
  trace.disable();
});

/** One sample's value from the Prometheus text format, 0 when the series does not exist yet. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function scrape(): Promise<string> {
  const response = await fetch(metricsUrl);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

async function runToCompletion(): Promise<string> {
  const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'traced' });
  await h.waitForInstance(instanceId, (i) => i.context['started'] === true);
  await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'GO' });
  await h.waitForInstance(instanceId, (i) => i.status === 'completed');
  return instanceId;
}

describe('worker metrics', () => {
  it('serves /metrics on loopback and moves the counters as instances run', async () => {
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const before = await scrape();
    for (let i = 0; i < 3; i++) await runToCompletion();
    const after = await scrape();

    // Per instance the worker applies GO (orchestrator) and DONE (in the task's finishing transaction); starting
    // applies WORKFLOW_START in the starting process. One NOOP attempt succeeded.
    const applied = 'switchyard_events_applied_total{outcome="applied"}';
    expect(sample(after, applied) - sample(before, applied)).toBe(6);
    const noop = 'switchyard_task_attempts_total{type="NOOP",outcome="succeeded"}';
    expect(sample(after, noop) - sample(before, noop)).toBe(3);
    const applyCount = 'switchyard_event_apply_duration_seconds_count{outcome="applied"}';
    expect(sample(after, applyCount) - sample(before, applyCount)).toBe(6);
    expect(sample(after, 'switchyard_task_attempt_duration_seconds_count{type="NOOP"}')).toBeGreaterThanOrEqual(3);
    // Read at scrape time: the queues are drained and nothing waits in the outbox once everything completed.
    expect(after).toContain('switchyard_queue_jobs{queue="workflow-orchestrator",state="waiting"} 0');
    expect(after).toMatch(/^switchyard_queue_jobs\{queue="workflow-task-runner",state="active"\} \d+$/m);
    expect(sample(after, 'switchyard_outbox_pending_messages')).toBe(0);
    expect(after).toMatch(/^switchyard_outbox_lag_seconds 0$/m);
  });

  it('answers anything but GET /metrics with 404', async () => {
    const response = await fetch(metricsUrl.replace('/metrics', '/other'));
    expect(response.status).toBe(404);
  });
});

describe('traces', () => {
  it('follows one event from sendEvent through the outbox and the queue to the transition, and the tasks it causes', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'traced' });
    await h.waitForInstance(instanceId, (i) => i.context['started'] === true);
    exporter.reset();

    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'GO', payload: { n: 1 } });
    await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    const spans = await waitUntil(async () => {
      const ended = exporter.getFinishedSpans().filter((s) => s.name === 'switchyard.apply_event');
      return ended.length >= 2 && exporter.getFinishedSpans();
    }, 'the apply spans of GO and DONE');

    const send = spans.find((s) => s.name === 'switchyard.send_event');
    expect(send).toBeDefined();
    const traceId = send!.spanContext().traceId;
    const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    const applyGo = inTrace.find(
      (s) => s.name === 'switchyard.apply_event' && s.attributes['switchyard.event'] === 'GO',
    );
    const runTask = inTrace.find((s) => s.name === 'switchyard.run_task');
    const applyDone = inTrace.find(
      (s) => s.name === 'switchyard.apply_event' && s.attributes['switchyard.event'] === 'DONE',
    );
    // send → (outbox row, queue) → apply GO → (task's outbox row) → run task → (completion event) → apply DONE
    expect(parentOf(applyGo!)).toBe(send!.spanContext().spanId);
    expect(parentOf(runTask!)).toBe(applyGo!.spanContext().spanId);
    expect(parentOf(applyDone!)).toBe(runTask!.spanContext().spanId);
    expect(applyGo!.attributes['switchyard.instance_id']).toBe(instanceId);

    // The timeline entries those spans wrote carry the trace id: an operator goes from an entry to its trace.
    const timeline = await h.engine.service.getTimeline(h.ctx, { instanceId });
    const received = timeline.filter((e) => e.type === 'event.received');
    expect(received.map((e) => [(e.payload as { event: string }).event, e.traceId])).toEqual([
      ['WORKFLOW_START', expect.stringMatching(/^[0-9a-f]{32}$/)],
      ['GO', traceId],
      ['DONE', traceId],
    ]);
    expect(received[0]!.traceId).not.toBe(traceId); // the start was its own trace
    expect(timeline.find((e) => e.type === 'instance.completed')?.traceId).toBe(traceId);
    expect(timeline.find((e) => e.type === 'task.succeeded')?.traceId).toBe(traceId);
  });
});
