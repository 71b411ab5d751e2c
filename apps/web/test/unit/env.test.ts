import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_AUTH_SECRET, parseWebEnv } from '../../src/env';

const production = {
  NODE_ENV: 'production',
  AUTH_SECRET: 'q8Jm2vT0xLr9sKp4ZcW7nYb1HdG6fE3a',
  AUTH_URL: 'https://switchyard.example.com',
  DATABASE_URL: 'postgresql://switchyard_app:pw@db.internal:5432/switchyard',
  REDIS_URL: 'redis://redis.internal:6379',
  SECRETS_KEY: 'ZTJlLW9ubHktc2VjcmV0cy1rZXktMzItYnl0ZXMtISE=',
};

describe('the console environment', () => {
  it('starts in development with the public defaults', () => {
    const env = parseWebEnv({});
    expect(env.AUTH_SECRET).toBe(DEVELOPMENT_AUTH_SECRET);
    expect([env.AUTH_OPEN_SIGNUP, env.TRUST_PROXY]).toEqual([false, 0]);
  });

  it('starts in production with real settings', () => {
    expect(parseWebEnv(production).AUTH_URL).toBe('https://switchyard.example.com');
  });

  it.each([
    ['a missing AUTH_SECRET', { AUTH_SECRET: undefined }, /AUTH_SECRET is not set/],
    ['the development AUTH_SECRET', { AUTH_SECRET: DEVELOPMENT_AUTH_SECRET }, /AUTH_SECRET is a placeholder/],
    ['a uniform AUTH_SECRET', { AUTH_SECRET: 'a'.repeat(40) }, /AUTH_SECRET is a placeholder or too uniform/],
    ['a short AUTH_SECRET', { AUTH_SECRET: 'short-secret' }, /AUTH_SECRET: expected at least 32 characters/],
    ['a missing AUTH_URL', { AUTH_URL: undefined }, /AUTH_URL is not set/],
    ['the default DATABASE_URL', { DATABASE_URL: undefined }, /DATABASE_URL is not set/],
  ])('refuses production with %s, in one line', (_name, change, message) => {
    const source: Record<string, string | undefined> = { ...production, ...change };
    let thrown: Error | undefined;
    try {
      parseWebEnv(source);
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.message).toMatch(message);
    expect(thrown?.message.split('\n')).toHaveLength(1);
  });

  it('names every problem at once, malformed values and development defaults alike', () => {
    expect(() => parseWebEnv({ NODE_ENV: 'production', TRUST_PROXY: 'yes' })).toThrow(
      /^apps\/web: refusing to start in production: TRUST_PROXY: .*; SECRETS_KEY: .*AUTH_SECRET is not set.*AUTH_URL is not set/,
    );
  });

  it('reads proxy trust and open sign-up', () => {
    expect(parseWebEnv({ TRUST_PROXY: 'true', AUTH_OPEN_SIGNUP: 'true' })).toMatchObject({
      TRUST_PROXY: 1,
      AUTH_OPEN_SIGNUP: true,
    });
    expect(parseWebEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(() => parseWebEnv({ TRUST_PROXY: 'yes' })).toThrow(
      /TRUST_PROXY: expected true, false or a number of proxy hops/,
    );
  });
});
