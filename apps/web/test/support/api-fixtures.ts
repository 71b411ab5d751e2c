import type { TenantContext } from '@switchyard/engine';
import { handleApiRequest } from '../../src/server/api/handler';
import type { WebHarness } from './web-harness';

export const demoAdmin: TenantContext = {
  tenantId: 'demo',
  actor: { type: 'operator', id: 'admin@demo.test', role: 'admin' },
};

/** Waits for an event, or fails its task at once (the egress policy refuses loopback: no retries). */
export const approvalSpec = {
  id: 'api-approval',
  initial: 'waiting',
  states: {
    waiting: {
      on: {
        APPROVE: {
          target: 'approved',
          actions: [{ type: 'assign', path: 'approvedBy', value: { $ref: 'event.payload.by' } }],
        },
        CHARGE: {
          target: 'charging',
          actions: [
            {
              type: 'createTask',
              task: {
                type: 'HTTP',
                name: 'charge',
                input: { url: 'http://127.0.0.1:9/charge', method: 'POST' },
                completionEvent: 'CHARGED',
                maxAttempts: 1,
              },
            },
          ],
        },
      },
    },
    charging: { on: { CHARGED: { target: 'approved' } } },
    approved: { type: 'final' },
  },
};

/** Sends a request through the HTTP API's handler, as the Next route does. */
export function apiFetch(h: WebHarness, maxBodyBytes = 64 * 1024) {
  return (input: Request | string, init?: RequestInit): Promise<Response> => {
    const request = typeof input === 'string' ? new Request(new URL(input, 'http://localhost'), init) : input;
    return handleApiRequest(request, {
      engine: h.engine,
      rateLimiter: h.rateLimiter,
      maxBodyBytes,
      logError: () => {},
    });
  };
}

export async function bearer(h: WebHarness, tenantId: string, role: 'viewer' | 'operator' | 'admin'): Promise<string> {
  return (await h.tokenHeaders(tenantId, role)).get('authorization')!;
}
