// Every operation of the HTTP API, once: its route, the least role that may call it, its schemas and the
// service call behind it. The dispatcher serves these, the OpenAPI document describes these, and the access
// walk and the client test iterate over these — so an operation cannot exist in one and be missing in another.
import type { EngineService, Role, TenantContext } from '@switchyard/engine';
import type { z } from 'zod';
import {
  cancelResult,
  definitionList,
  instanceIdParam,
  instanceListPage,
  instancePage,
  instancePageQuery,
  listInstancesQuery,
  reasonBody,
  retryResult,
  sendEventBody,
  sendEventResult,
  startInstanceBody,
  startInstanceResult,
  taskIdParam,
} from './schemas';
import { filterFromQuery } from './list-filter';

type AnyObject = z.ZodObject;

export interface Call<
  P extends AnyObject | undefined,
  Q extends AnyObject | undefined,
  B extends AnyObject | undefined,
> {
  service: EngineService;
  tenant: TenantContext;
  params: P extends AnyObject ? z.output<P> : undefined;
  query: Q extends AnyObject ? z.output<Q> : undefined;
  body: B extends AnyObject ? z.output<B> : undefined;
  headers: Headers;
  url: URL;
}

/** What a handler answers: the body (checked against `response`), and a status when not the usual one. */
export interface Answer {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface Operation<
  P extends AnyObject | undefined = AnyObject | undefined,
  Q extends AnyObject | undefined = AnyObject | undefined,
  B extends AnyObject | undefined = AnyObject | undefined,
> {
  /** The OpenAPI operationId: the method name in generated clients. */
  id: string;
  method: 'get' | 'post';
  /** Under /api/v1, OpenAPI style: `/instances/{instanceId}`. */
  path: string;
  role: Role;
  tag: 'Instances' | 'Tasks' | 'Definitions';
  summary: string;
  description: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The success statuses and what they carry; the first is the usual one. */
  responses: { status: number; description: string }[];
  response: z.ZodType;
  run(call: Call<P, Q, B>): Promise<Answer>;
}

function operation<P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends AnyObject | undefined>(
  op: Operation<P, Q, B>,
): Operation {
  return op;
}

export const operations: Operation[] = [
  operation({
    id: 'startInstance',
    method: 'post',
    path: '/instances',
    role: 'operator',
    tag: 'Instances',
    summary: 'Start an instance',
    description:
      'Starts an instance of the latest (or the given) version of a definition. With a business key (or an ' +
      '`Idempotency-Key` header) a repeat returns the instance the first call started.',
    body: startInstanceBody,
    responses: [
      { status: 201, description: 'Started; `Location` names the new instance.' },
      { status: 200, description: 'This business key had already started this instance; nothing new was started.' },
    ],
    response: startInstanceResult,
    async run({ service, tenant, body, headers }) {
      const idempotencyKey = headers.get('idempotency-key')?.trim() || undefined;
      const businessKey = body.businessKey ?? idempotencyKey;
      const started = await service.startInstance(tenant, { ...body, businessKey });
      const location = `/api/v1/instances/${started.instanceId}`;
      return {
        status: started.created ? 201 : 200,
        body: { ...started, status: started.status ?? 'running' },
        headers: { [started.created ? 'location' : 'content-location']: location },
      };
    },
  }),
  operation({
    id: 'listInstances',
    method: 'get',
    path: '/instances',
    role: 'viewer',
    tag: 'Instances',
    summary: 'List instances',
    description:
      'Instances newest first, narrowed by the console’s filters (the same parameters as its `/instances?…` URL).',
    query: listInstancesQuery,
    responses: [{ status: 200, description: 'A page of instances.' }],
    response: instanceListPage,
    async run({ service, tenant, query, url }) {
      return {
        body: await service.searchInstances(tenant, {
          ...filterFromQuery(url.searchParams),
          cursor: query.cursor,
          limit: query.limit,
        }),
      };
    },
  }),
  operation({
    id: 'getInstance',
    method: 'get',
    path: '/instances/{instanceId}',
    role: 'viewer',
    tag: 'Instances',
    summary: 'Get an instance and a page of its timeline',
    description:
      'State, context, tasks, the events its state accepts, and timeline entries after `afterSeq`. When ' +
      '`timelinePage.truncated`, ask again with `afterSeq = timelinePage.nextSeq`.',
    params: instanceIdParam,
    query: instancePageQuery,
    responses: [{ status: 200, description: 'The instance and one page of its timeline.' }],
    response: instancePage,
    async run({ service, tenant, params, query }) {
      return { body: await service.getInstancePage(tenant, { ...params, ...query }) };
    },
  }),
  operation({
    id: 'sendEvent',
    method: 'post',
    path: '/instances/{instanceId}/events',
    role: 'operator',
    tag: 'Instances',
    summary: 'Send an event',
    description:
      'Queues an event for the instance (durably, through the outbox). It is applied once, shortly after; the ' +
      'timeline says whether it moved the instance or was ignored. A completed or cancelled instance answers 409.',
    params: instanceIdParam,
    body: sendEventBody,
    responses: [{ status: 202, description: 'Queued.' }],
    response: sendEventResult,
    async run({ service, tenant, params, body }) {
      return { status: 202, body: await service.sendEvent(tenant, { ...params, ...body }) };
    },
  }),
  operation({
    id: 'cancelInstance',
    method: 'post',
    path: '/instances/{instanceId}/cancel',
    role: 'operator',
    tag: 'Instances',
    summary: 'Cancel an instance',
    description: 'Cancels the instance and its queued and running tasks. A reason is required.',
    params: instanceIdParam,
    body: reasonBody,
    responses: [{ status: 200, description: 'Cancelled.' }],
    response: cancelResult,
    async run({ service, tenant, params, body }) {
      const result = await service.cancelInstance(tenant, { ...params, ...body });
      return { body: { instanceId: params.instanceId, ...result } };
    },
  }),
  operation({
    id: 'retryTask',
    method: 'post',
    path: '/tasks/{taskId}/retry',
    role: 'operator',
    tag: 'Tasks',
    summary: 'Retry a failed task',
    description:
      'Queues a failed (or cancelled) task again with fresh attempts; a failed instance resumes. A reason is required.',
    params: taskIdParam,
    body: reasonBody,
    responses: [{ status: 200, description: 'Queued again.' }],
    response: retryResult,
    async run({ service, tenant, params, body }) {
      return { body: await service.retryTask(tenant, { ...params, ...body }) };
    },
  }),
  operation({
    id: 'listDefinitions',
    method: 'get',
    path: '/definitions',
    role: 'viewer',
    tag: 'Definitions',
    summary: 'List definitions',
    description: 'The latest version of each definition, with how many versions and instances it has.',
    responses: [{ status: 200, description: 'The tenant’s definitions.' }],
    response: definitionList,
    async run({ service, tenant }) {
      return { body: { items: await service.listDefinitions(tenant) } };
    },
  }),
];
