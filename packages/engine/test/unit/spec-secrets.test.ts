import { describe, expect, it } from 'vitest';
import { compileSpec, start, step } from '../../src/core';
import { createKeyring, DEVELOPMENT_SECRETS_KEY } from '../../src/secrets/keyring';
import { maskSecretRefs, substituteSecrets, validateSpec, type SpecProblem, type WorkflowSpec } from '../../src/spec';

type Raw = Record<string, any>;

const task = (type: string, input: unknown) => ({ type: 'createTask', task: { type, name: 'call', input } });

/** A one-transition spec whose WORKFLOW_START runs `actions`; `extra` is merged into the spec's top level. */
function spec(actions: unknown[], extra: Raw = {}): Raw {
  return {
    id: 's',
    initial: 'a',
    states: { a: { on: { WORKFLOW_START: { target: 'b', actions } } }, b: { type: 'final' } },
    ...extra,
  };
}

function problems(input: Raw): SpecProblem[] {
  const result = validateSpec(input);
  return result.ok ? [] : result.problems;
}

const at = '$.states.a.on.WORKFLOW_START.actions[0]';

describe('$secret in a spec', () => {
  it('is accepted inside an HTTP task input, with an optional prefix', () => {
    const input = {
      url: 'https://ledger.example/balance',
      headers: { authorization: { $secret: 'ledger_api_key', prefix: 'Bearer ' } },
      body: [{ $secret: 'other_key' }],
    };
    expect(problems(spec([task('HTTP', input)]))).toEqual([]);
  });

  it('is refused in context, assign values, runAt and guards, with the path', () => {
    const found = problems(
      spec(
        [
          { type: 'assign', path: 'key', value: { $secret: 'k_one' } },
          { type: 'createTask', task: { type: 'NOOP', name: 'n', input: {}, runAt: { $secret: 'k_two' } } },
        ],
        { context: { key: { $secret: 'k_three' } }, guards: { g: { eq: [{ $secret: 'k_four' }, 1] } } },
      ),
    );
    const paths = found
      .filter((p) => p.code === 'SECRET_NOT_ALLOWED')
      .map((p) => p.path)
      .sort();
    expect(paths).toEqual(
      ['$.context.key', '$.guards.g.eq[0]', `${at}.value`, '$.states.a.on.WORKFLOW_START.actions[1].task.runAt'].sort(),
    );
    expect(found.find((p) => p.path === '$.context.key')?.message).toContain('only allowed inside a task\'s "input"');
  });

  it('is refused in an AI_DECISION input: the prompt must not carry secrets', () => {
    const found = problems(
      spec([
        task('AI_DECISION', {
          instructions: 'x',
          context: { key: { $secret: 'ledger_api_key' } },
          policy: { allowedEvents: ['A'] },
        }),
      ]),
    );
    expect(found).toEqual([
      expect.objectContaining({
        path: `${at}.task.input.context.key`,
        code: 'SECRET_NOT_ALLOWED',
        message: expect.stringContaining('AI_DECISION'),
      }),
    ]);
  });

  it('is refused inside a $ref default and names a bad name, an unknown key and a long prefix', () => {
    const found = problems(
      spec([
        task('HTTP', {
          a: { $ref: 'context.x', default: { $secret: 'fine_name' } },
          b: { $secret: 'Bad-Name' },
          c: { $secret: 'ok_name', extra: 1 },
          d: { $secret: 'ok_name', prefix: 'x'.repeat(101) },
        }),
      ]),
    );
    const byPath = Object.fromEntries(found.map((p) => [p.path, p.message]));
    expect(byPath[`${at}.task.input.a.default`]).toContain('cannot sit inside a "$ref"');
    expect(byPath[`${at}.task.input.b.$secret`]).toBe(
      'secret name "Bad-Name" is not valid: expected lower-case letters, digits and "_", starting with a letter, at most 64 characters',
    );
    expect(byPath[`${at}.task.input.c.extra`]).toContain('unknown key "extra"');
    expect(byPath[`${at}.task.input.d.prefix`]).toContain('at most 100 characters');
  });
});

describe('task input with secrets, in the core', () => {
  const workflow = spec([
    task('HTTP', { auth: { $secret: 'ledger_api_key', prefix: 'Bearer ' }, fromEvent: { $ref: 'event.payload.x' } }),
  ]) as WorkflowSpec;

  it("keeps the spec's marker (a name, no value) and defangs one arriving in event data", () => {
    const compiled = compileSpec(workflow);
    const result = step(compiled, start(compiled).snapshot, {
      type: 'WORKFLOW_START',
      payload: { x: { $secret: 'ledger_api_key' } },
    });
    const effect = result.effects[0] as { task: { input: Raw } };
    expect(effect.task.input).toEqual({
      auth: { $secret: 'ledger_api_key', prefix: 'Bearer ' },
      fromEvent: '[refused: a $secret may only be written in the spec]',
    });
    expect(substituteSecrets(effect.task.input, new Map([['ledger_api_key', 'sk-123456789']]))).toEqual({
      auth: 'Bearer sk-123456789',
      fromEvent: '[refused: a $secret may only be written in the spec]',
    });
    expect(maskSecretRefs(effect.task.input)).toEqual({
      auth: 'Bearer ••• ledger_api_key',
      fromEvent: '[refused: a $secret may only be written in the spec]',
    });
  });
});

describe('the secrets keyring (AES-256-GCM)', () => {
  const otherKey = Buffer.alloc(32, 7).toString('base64');

  it('opens what it sealed, only for the same tenant and name', () => {
    const ring = createKeyring({ current: DEVELOPMENT_SECRETS_KEY });
    const sealed = ring.seal('sk-live-value', 'demo\u0000ledger_api_key');
    expect(Buffer.from(sealed.ciphertext).toString('utf8')).not.toContain('sk-live-value');
    expect(ring.open(sealed, 'demo\u0000ledger_api_key')).toBe('sk-live-value');
    expect(() => ring.open(sealed, 'acme\u0000ledger_api_key')).toThrow('could not be decrypted');
  });

  it('opens rows sealed with SECRETS_KEY_PREVIOUS during a key rotation, and says which key is missing otherwise', () => {
    const sealed = createKeyring({ current: DEVELOPMENT_SECRETS_KEY }).seal('sk-live-value', 'ad');
    expect(createKeyring({ current: otherKey, previous: DEVELOPMENT_SECRETS_KEY }).open(sealed, 'ad')).toBe(
      'sk-live-value',
    );
    expect(() => createKeyring({ current: otherKey }).open(sealed, 'ad')).toThrow(
      /sealed with a key that is not configured .*SECRETS_KEY_PREVIOUS/,
    );
  });

  it('refuses a key that is not 32 bytes of base64, naming the variable and how to make one', () => {
    expect(() => createKeyring({ current: 'too-short' })).toThrow(
      'SECRETS_KEY is not a valid key: expected 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`',
    );
    expect(() => createKeyring({ current: otherKey, previous: 'nope' })).toThrow(
      'SECRETS_KEY_PREVIOUS is not a valid key',
    );
  });
});
