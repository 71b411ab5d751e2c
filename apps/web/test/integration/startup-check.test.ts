import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SECRETS_KEY = 'ZTJlLW9ubHktc2VjcmV0cy1rZXktMzItYnl0ZXMtISE=';
const root = join(import.meta.dirname, '..', '..', '..', '..');

/** Runs the console's startup check in a fresh Node process with exactly this environment. */
async function startWith(env: {
  NODE_ENV: 'production' | 'development';
  [name: string]: string;
}): Promise<{ code: number; stderr: string }> {
  const script =
    "import('./apps/web/src/server/startup-check.ts').then((m) => { m.refuseWeakConfiguration(); console.log('started'); })";
  try {
    await run(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('the console at startup', () => {
  it('stops with one line when production has no AUTH_SECRET (it would fall back to the public development one)', async () => {
    const { code, stderr } = await startWith({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://app@db:5432/sy',
      REDIS_URL: 'redis://redis:6379',
      AUTH_URL: 'https://sy.example.com',
      SECRETS_KEY,
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'apps/web: refusing to start in production: AUTH_SECRET is not set (generate one: openssl rand -base64 32)',
    ]);
  });

  it('starts in production with real settings, and in development with none', async () => {
    expect(
      (
        await startWith({
          NODE_ENV: 'production',
          AUTH_SECRET: 'q8Jm2vT0xLr9sKp4ZcW7nYb1HdG6fE3a',
          DATABASE_URL: 'postgresql://app@db:5432/sy',
          REDIS_URL: 'redis://redis:6379',
          AUTH_URL: 'https://sy.example.com',
          SECRETS_KEY,
        })
      ).code,
    ).toBe(0);
    expect((await startWith({ NODE_ENV: 'development' })).code).toBe(0);
  });
});
