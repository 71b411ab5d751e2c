// The delivery loop in every worker: claims due outbound deliveries (fairly between tenants, with a lease that a
// dead worker lets expire) and sends each one — a signed webhook through the egress policy, or an email through
// the EMAIL task's path — recording every attempt and retrying with exponential backoff.
import { isEgressError, type EgressClient } from '../egress';
import { signWebhook } from '../hooks/signing';
import { openTenantSecrets } from '../secrets/open';
import { loadTenantTaskSettings } from '../store/tenant-settings';
import { claimDueDeliveries, finishDeliveryAttempt, type ClaimedDelivery } from '../store/outbound-deliveries';
import { backoffDelay, type BackoffPolicy } from '../tasks/backoff';
import type { TaskHandler } from '../tasks/registry';
import type { EngineDeps } from '../deps/engine-deps';

export interface OutboundDeliveryOptions {
  egress: EgressClient;
  /** The worker's EMAIL handler (SMTP_URL, or MailMessage without it). */
  sendEmail: TaskHandler;
  pollMs: number;
  /** Deliveries this worker sends at once. */
  concurrency: number;
  /** Deliveries of one tenant in flight at once, across workers (fair share). */
  perTenant: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  timeoutMs: number;
  leaseMs: number;
}

export const defaultOutboundDeliveryOptions = {
  pollMs: 500,
  concurrency: 8,
  perTenant: 4,
  maxAttempts: 8,
  backoff: { baseMs: 5_000, maxMs: 60 * 60_000 },
  timeoutMs: 10_000,
  leaseMs: 60_000,
} satisfies Omit<OutboundDeliveryOptions, 'egress' | 'sendEmail'>;

/** Refusals no retry can fix: the policy, a deleted target, a missing secret. */
class FinalError extends Error {}

const ERROR_EXCERPT = 500;

async function sendWebhook(deps: EngineDeps, delivery: ClaimedDelivery, options: OutboundDeliveryOptions) {
  if (!delivery.url || !delivery.secretName) throw new FinalError('no webhook URL or signing secret is configured');
  const secret = await openTenantSecrets(deps, delivery.tenantId, [delivery.secretName]);
  if (!secret.ok) throw new FinalError(secret.error);
  const body = JSON.stringify(delivery.payload);
  const headers = {
    ...signWebhook(secret.values.get(delivery.secretName) ?? '', delivery.id, body, deps.clock()),
    'content-type': 'application/json',
    'user-agent': 'Switchyard-Webhooks/1',
  };
  const { egressAllowedHosts } = await loadTenantTaskSettings(deps.prisma, delivery.tenantId);
  let response;
  try {
    response = await options.egress.fetch({
      method: 'POST',
      url: delivery.url,
      headers,
      body,
      allowedHosts: egressAllowedHosts,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    if (isEgressError(error)) throw new FinalError(`refused by the egress policy: ${error.message}`, { cause: error });
    if (error instanceof Error && error.name === 'TimeoutError')
      throw new Error(`POST ${delivery.url} timed out after ${options.timeoutMs} ms`, { cause: error });
    throw new Error(
      `POST ${delivery.url} failed: ${String(error instanceof Error ? (error.cause ?? error.message) : error)}`,
      { cause: error },
    );
  }
  if (response.status < 200 || response.status > 299) {
    const text = response.body.subarray(0, ERROR_EXCERPT).toString('utf8');
    return { httpStatus: response.status, error: `answered ${response.status} ${response.statusText}: ${text}` };
  }
  return { httpStatus: response.status, error: null };
}

function emailText(delivery: ClaimedDelivery): { subject: string; text: string } {
  const payload = delivery.payload as { type?: string; data?: { summary?: string; rule?: { name?: string } } };
  const summary = payload.data?.summary ?? delivery.eventType;
  return {
    subject: `[Switchyard] ${payload.data?.rule?.name ?? delivery.eventType}: ${summary}`.slice(0, 200),
    text: `${summary}\n\n${JSON.stringify(delivery.payload, null, 2)}\n`,
  };
}

async function sendEmail(deps: EngineDeps, delivery: ClaimedDelivery, options: OutboundDeliveryOptions) {
  if (!delivery.emailTo) throw new FinalError('no email address is configured');
  await options.sendEmail(
    { to: delivery.emailTo, ...emailText(delivery) },
    {
      tenantId: delivery.tenantId,
      taskId: '',
      instanceId: '',
      attempt: delivery.attempts,
      name: `alert:${delivery.alertRuleId ?? ''}`,
      signal: AbortSignal.timeout(options.timeoutMs),
      logger: deps.logger,
    },
  );
  return { httpStatus: null, error: null };
}

/** One attempt at one claimed delivery, recorded whatever happens. */
export async function deliverOnce(
  deps: EngineDeps,
  delivery: ClaimedDelivery,
  options: OutboundDeliveryOptions,
): Promise<void> {
  const startedAt = deps.clock();
  let result: { httpStatus: number | null; error: string | null };
  let final = false;
  try {
    if (!delivery.targetExists) throw new FinalError('its subscription or alert rule was deleted');
    result =
      delivery.channel === 'email'
        ? await sendEmail(deps, delivery, options)
        : await sendWebhook(deps, delivery, options);
  } catch (error) {
    final = error instanceof FinalError;
    result = { httpStatus: null, error: error instanceof Error ? error.message : String(error) };
  }
  const ok = result.error === null;
  const retry = !ok && !final && delivery.attempts < options.maxAttempts;
  await finishDeliveryAttempt(deps.prisma, delivery, {
    ok,
    httpStatus: result.httpStatus,
    error: result.error,
    durationMs: Date.now() - startedAt.getTime(),
    startedAt,
    retryAt: retry ? new Date(deps.clock().getTime() + backoffDelay(options.backoff, delivery.attempts)) : null,
  });
}

/** Polls for due deliveries until stopped; in-flight deliveries finish before stop() resolves. */
export function startOutboundDeliveries(deps: EngineDeps, options: OutboundDeliveryOptions): { stop(): Promise<void> } {
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let polling = false;
  const poll = async () => {
    if (stopped || polling || inFlight.size >= options.concurrency) return;
    polling = true;
    try {
      const claimed = await claimDueDeliveries(deps.prisma, {
        now: deps.clock(),
        limit: options.concurrency - inFlight.size,
        perTenant: options.perTenant,
        leaseMs: options.leaseMs,
      });
      for (const delivery of claimed) {
        const run = deliverOnce(deps, delivery, options)
          .catch((error: unknown) =>
            deps.logger.warn(
              { err: error, deliveryId: delivery.id },
              'delivery not recorded; its lease will expire and it runs again',
            ),
          )
          .finally(() => inFlight.delete(run));
        inFlight.add(run);
      }
    } catch (error) {
      deps.logger.warn({ err: error }, 'claiming outbound deliveries failed; retrying on the next tick');
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), options.pollMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (polling) await new Promise((resolve) => setTimeout(resolve, 10));
      await Promise.all([...inFlight]);
    },
  };
}
