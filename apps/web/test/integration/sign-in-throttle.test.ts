import { randomBytes } from 'node:crypto';
import { createRedis } from '@switchyard/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleAuthRequest } from '../../src/server/auth-handler';
import { clientAddress, PEER_HEADER, trustPeerHeader } from '../../src/server/client-address';
import { SignInThrottle, type SignInLimits } from '../../src/server/sign-in-throttle';
import { CONSOLE_ORIGIN, createWebHarness, type WebHarness } from '../support/web-harness';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('sign-in throttling', () => {
  let h: WebHarness;
  const redis = createRedis(REDIS_URL, { maxRetriesPerRequest: 3 });
  beforeAll(async () => {
    h = await createWebHarness();
    // What apps/web/server.mjs does in production: it writes the connection's address into PEER_HEADER.
    trustPeerHeader();
  });
  afterAll(async () => {
    await h.close();
    await redis.quit();
  });

  /** A console process: its own throttle object over the shared Redis, like a second `next start`. */
  function consoleProcess(prefix: string, options: { trustProxyHops?: number; limits?: SignInLimits } = {}) {
    const throttle = new SignInThrottle(redis, prefix, options.limits);
    return (email: string, password: string, peer: string, forwardedFor?: string) =>
      handleAuthRequest(
        new Request(`${CONSOLE_ORIGIN}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: CONSOLE_ORIGIN,
            [PEER_HEADER]: peer,
            ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
          },
          body: JSON.stringify({ email, password }),
        }),
        { auth: h.auth, throttle, clientAddress: (headers) => clientAddress(headers, options.trustProxyHops ?? 0) },
      );
  }
  const fresh = () => `sytest-throttle-${randomBytes(4).toString('hex')}`;

  it('counts failures per address whatever X-Forwarded-For says, across console processes, then refuses the right password too', async () => {
    const prefix = fresh();
    const [a, b] = [consoleProcess(prefix), consoleProcess(prefix)];
    // 20 guesses at 20 accounts from one machine, each with a made-up forwarded address, spread over two processes.
    for (let i = 0; i < 20; i += 1) {
      const response = await (i % 2 ? a : b)(
        `victim${i}@demo.test`,
        'wrong-password',
        '203.0.113.7',
        `198.51.100.${i}`,
      );
      expect(response.status).toBe(401);
    }
    const refused = await a('admin@demo.test', 'admin-password', '203.0.113.7', '198.51.100.250');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /^Too many attempts: try again in \d+ minutes?$/,
    );
    // Another machine is not affected.
    expect((await b('admin@demo.test', 'admin-password', '203.0.113.8')).status).toBe(200);
  });

  it('locks an account after 5 failures from any addresses; the right password is refused until the window passes', async () => {
    const signIn = consoleProcess(fresh(), {
      limits: { perAccount: { failures: 5, windowSeconds: 2 }, perAddress: { failures: 100, windowSeconds: 2 } },
    });
    for (let i = 0; i < 5; i += 1)
      expect((await signIn('operator@demo.test', 'wrong-password', `192.0.2.${i}`)).status).toBe(401);
    expect((await signIn('operator@demo.test', 'operator-password', '192.0.2.99')).status).toBe(429);
    // An account that does not exist gets the same answers: the throttle tells nobody who is registered.
    for (let i = 0; i < 5; i += 1)
      expect((await signIn('ghost@demo.test', 'wrong-password', `192.0.2.${i}`)).status).toBe(401);
    expect((await signIn('ghost@demo.test', 'operator-password', '192.0.2.99')).status).toBe(429);
    // The window ends: the owner gets in again.
    let status = 429;
    while (status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await signIn('operator@demo.test', 'operator-password', '192.0.2.99')).status;
    }
    expect(status).toBe(200);
  });

  it('behind a trusted proxy, takes the address the proxy saw: entries a client prepends do not help', async () => {
    const signIn = consoleProcess(fresh(), { trustProxyHops: 1 });
    for (let i = 0; i < 20; i += 1) {
      // The client writes "10.0.0.i"; the proxy appends what it saw, 203.0.113.50; the proxy itself is the peer.
      expect(
        (await signIn(`victim${i}@demo.test`, 'wrong-password', '127.0.0.1', `10.0.0.${i}, 203.0.113.50`)).status,
      ).toBe(401);
    }
    expect((await signIn('viewer@demo.test', 'viewer-password', '127.0.0.1', '10.9.9.9, 203.0.113.50')).status).toBe(
      429,
    );
    expect((await signIn('viewer@demo.test', 'viewer-password', '127.0.0.1', '10.9.9.9, 203.0.113.51')).status).toBe(
      200,
    );
  });
});
