import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env';

const key = Buffer.alloc(32, 9).toString('base64');

describe('SECRETS_KEY in the worker and CLI environment', () => {
  it('stops production without a key, with one line naming the variable and how to make one', () => {
    expect(() => readEnv({ NODE_ENV: 'production' })).toThrow(
      'invalid environment: SECRETS_KEY: is required in production (the development key is public): expected 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`',
    );
    expect(readEnv({ NODE_ENV: 'production', SECRETS_KEY: key }).SECRETS_KEY).toBe(key);
  });

  it('lets development run on the public development key', () => {
    expect(readEnv({}).SECRETS_KEY).toBeUndefined();
  });

  it('refuses a key that is not 32 bytes of base64', () => {
    expect(() => readEnv({ SECRETS_KEY: 'hunter2' })).toThrow('SECRETS_KEY: expected 32 random bytes in base64');
    expect(() => readEnv({ SECRETS_KEY: key, SECRETS_KEY_PREVIOUS: Buffer.alloc(16).toString('base64') })).toThrow(
      'SECRETS_KEY_PREVIOUS: expected 32 random bytes',
    );
  });
});
