import { readFile } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/server/api/openapi';
import { operations } from '../../src/server/api/operations';
import { serveApi } from '../support/api-server';
import { API_TYPES_FILE, generateApiTypes } from '../support/api-types';
import { approvalSpec, bearer, demoAdmin } from '../support/api-fixtures';
import type { paths } from '../support/generated/api-types';
import { createWebHarness, type WebHarness } from '../support/web-harness';

let h: WebHarness;
let server: Awaited<ReturnType<typeof serveApi>>;

beforeAll(async () => {
  h = await createWebHarness();
  await h.engine.service.publishDefinition(demoAdmin, { spec: approvalSpec });
  h.startWorker();
  server = await serveApi(h);
});
afterAll(async () => {
  await server.close();
  await h.close();
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, served at /api/v1/openapi.json without a token', async () => {
    const served = await fetch(`${server.baseUrl}/openapi.json`);
    expect(served.status).toBe(200);
    const document = (await served.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([...new Set(operations.map((o) => o.path))].sort());
  });

  it('matches the checked-in client types (pnpm --filter @switchyard/web api:types)', async () => {
    expect(await readFile(API_TYPES_FILE, 'utf8')).toBe(await generateApiTypes());
  });
});

describe('every operation through a client generated from the document', () => {
  it('starts, lists, reads, sends, cancels, retries and lists definitions as a program would', async () => {
    const client = createClient<paths>({
      baseUrl: server.baseUrl,
      headers: { authorization: await bearer(h, 'demo', 'operator') },
    });
    const called = new Set<string>();

    const started = await client.POST('/instances', {
      body: { definitionKey: 'api-approval', businessKey: 'client-1', input: { amount: 42 } },
    });
    called.add('startInstance');
    expect(started.response.status).toBe(201);
    const instanceId = started.data!.instanceId;
    const repeat = await client.POST('/instances', {
      body: { definitionKey: 'api-approval', businessKey: 'client-1', input: { amount: 42 } },
    });
    expect(repeat.data).toMatchObject({ instanceId, created: false });

    const listed = await client.GET('/instances', {
      params: { query: { where: ['input.amount = 42'], status: 'running' } },
    });
    called.add('listInstances');
    expect(listed.data!.items.map((i) => i.id)).toEqual([instanceId]);

    const sent = await client.POST('/instances/{instanceId}/events', {
      params: { path: { instanceId } },
      body: { type: 'CHARGE', reason: 'checkout' },
    });
    called.add('sendEvent');
    expect(sent.response.status).toBe(202);

    const failed = await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    const got = await client.GET('/instances/{instanceId}', {
      params: { path: { instanceId }, query: { limit: 100 } },
    });
    called.add('getInstance');
    expect(got.data!.instance.status).toBe('failed');
    expect(got.data!.instance.tasks.map((t) => t.name)).toEqual(['charge']);
    expect(got.data!.timeline.map((e) => e.type)).toContain('task.failed');

    const retried = await client.POST('/tasks/{taskId}/retry', {
      params: { path: { taskId: failed.tasks[0]!.id } },
      body: { reason: 'try again' },
    });
    called.add('retryTask');
    expect(retried.data).toEqual({ taskId: failed.tasks[0]!.id });

    const cancelled = await client.POST('/instances/{instanceId}/cancel', {
      params: { path: { instanceId } },
      body: { reason: 'no longer needed' },
    });
    called.add('cancelInstance');
    expect(cancelled.data!.instanceId).toBe(instanceId);
    await h.waitForInstance(instanceId, (i) => i.status === 'cancelled');

    const definitions = await client.GET('/definitions');
    called.add('listDefinitions');
    expect(definitions.data!.items.map((d) => d.key)).toContain('api-approval');

    const refused = await client.POST('/instances/{instanceId}/events', {
      params: { path: { instanceId } },
      body: { type: 'APPROVE' },
    });
    expect(refused.response.status).toBe(409);
    expect(refused.response.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.error).toMatchObject({ code: 'CONFLICT', status: 409 });

    expect([...called].sort()).toEqual(operations.map((o) => o.id).sort());
  });
});
