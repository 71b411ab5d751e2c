import type { Random } from './prng';
import { junk } from './prng';
import { counterSpec, poisonSpec, taskSpec } from './specs';

type Json = Record<string, unknown>;
const clone = (value: unknown): Json => structuredClone(value) as Json;

/** Every (stateName, eventName) pair that has a transition, to aim mutations at. */
function transitions(spec: Json): [string, string][] {
  const states = spec.states as Record<string, { on?: Record<string, unknown> }>;
  return Object.entries(states).flatMap(([name, state]) =>
    Object.keys(state.on ?? {}).map((event): [string, string] => [name, event]),
  );
}

function transitionAt(spec: Json, r: Random): Json {
  const [state, event] = r.pick(transitions(spec));
  const on = (spec.states as Record<string, { on: Record<string, unknown> }>)[state]!.on;
  const t = on[event];
  return (Array.isArray(t) ? t[0] : t) as Json;
}

function firstCreateTask(spec: Json): Json {
  for (const [state, event] of transitions(spec)) {
    const t = (spec.states as Record<string, { on: Record<string, Json> }>)[state]!.on[event]!;
    const action = ((t.actions as Json[] | undefined) ?? []).find((a) => a.type === 'createTask');
    if (action) return action.task as Json;
  }
  throw new Error('base spec has no createTask');
}

/** Mutations that each make a spec invalid on their own; the fuzzer combines one to three of them. */
const MUTATIONS: { name: string; apply(spec: Json, r: Random): void; needsTask?: boolean }[] = [
  {
    name: 'target names no state',
    apply: (s, r) => {
      transitionAt(s, r).target = `nowhere_${r.int(1000)}`;
    },
  },
  {
    name: 'initial names no state',
    apply: (s, r) => {
      s.initial = r.pick(['', 'missing', 'Start ', 'states']);
    },
  },
  {
    name: 'required key removed',
    apply: (s, r) => {
      delete s[r.pick(['id', 'initial', 'states'])];
    },
  },
  {
    name: 'states is not an object',
    apply: (s, r) => {
      s.states = r.pick([null, 42, 'states', [], true]);
    },
  },
  {
    name: 'unknown action type',
    apply: (s, r) => {
      transitionAt(s, r).actions = [{ type: r.pick(['frobnicate', '', 'ASSIGN', 'eval']), path: 'x' }];
    },
  },
  {
    name: 'task type is not a name',
    needsTask: true,
    apply: (s, r) => {
      firstCreateTask(s).type = r.pick([42, null, ['NOOP']]);
    },
  },
  {
    name: 'task name removed',
    needsTask: true,
    apply: (s) => {
      delete firstCreateTask(s).name;
    },
  },
  {
    name: 'maxAttempts out of range',
    needsTask: true,
    apply: (s, r) => {
      firstCreateTask(s).maxAttempts = r.pick([0, -1, 1.5, 'three', 101]);
    },
  },
  {
    name: 'unknown guard',
    apply: (s, r) => {
      transitionAt(s, r).guard = r.pick(['isMissing', '', 'constructor']);
    },
  },
  {
    name: 'id is not a key',
    apply: (s, r) => {
      s.id = r.pick(['', 42, null]);
    },
  },
  {
    name: 'state replaced by junk',
    apply: (s, r) => {
      (s.states as Json)[r.pick(Object.keys(s.states as Json))] = r.pick([null, 7, 'final', [junk(r)]]);
    },
  },
  {
    name: 'assign path is not a path',
    apply: (s, r) => {
      transitionAt(s, r).actions = [{ type: 'assign', path: r.pick([42, null, ['a']]), value: 1 }];
    },
  },
  // Kinds an acceptance run found published before validation refused them (issue 18).
  {
    name: 'runAt is not a calendar date',
    needsTask: true,
    apply: (s, r) => {
      firstCreateTask(s).runAt = r.pick([
        '2030-02-30T09:00:00Z',
        '2031-02-29',
        '2030-13-01T00:00:00Z',
        '2030-01-01T25:00:00Z',
      ]);
    },
  },
  {
    name: 'delay out of range',
    needsTask: true,
    apply: (s, r) => {
      firstCreateTask(s).runAt = { in: r.pick([1e16, '400d', 9_000_000_000_000, '10000h']) };
    },
  },
  {
    name: 'in guard list is not a list',
    apply: (s, r) => {
      s.guards = {
        picked: { in: [{ $ref: 'context.x' }, r.pick(['a,b', 42, { a: 1 }, true, { $template: '{{context.x}}' }])] },
      };
      transitionAt(s, r).guard = 'picked';
    },
  },
  {
    name: 'definition id is not a key',
    apply: (s, r) => {
      s.id = r.pick(['../../etc/passwd', 'a'.repeat(10_000), 'has space', 'x/y', '-dash']);
    },
  },
  {
    name: 'unknown task type',
    needsTask: true,
    apply: (s, r) => {
      firstCreateTask(s).type = r.pick(['SMS', 'http', 'EMAIL ', 'FAX']);
    },
  },
  {
    name: 'EMAIL without to',
    needsTask: true,
    apply: (s) => {
      Object.assign(firstCreateTask(s), { type: 'EMAIL', input: { subject: 'hi' } });
    },
  },
  {
    name: 'HTTP without url',
    needsTask: true,
    apply: (s, r) => {
      Object.assign(firstCreateTask(s), {
        type: 'HTTP',
        input: r.pick([
          { method: 'GET' },
          { url: 'ftp://x', method: 'GET' },
          { url: 'https://example.com', method: 'FETCH' },
        ]),
      });
    },
  },
  {
    name: 'event name with a control character',
    apply: (s, r) => {
      const states = s.states as Record<string, { on?: Record<string, unknown> }>;
      const [name, state] = r.pick(Object.entries(states).filter(([, st]) => st.on));
      state.on![r.pick(['GO\nNOW', 'TAB\tBED', 'NUL\u0000', 'X'.repeat(101)])] = { target: name };
    },
  },
];

/** A spec that must be rejected: a valid base with one to three invalidating mutations, or outright junk. */
export function invalidSpec(r: Random): { spec: unknown; mutations: string[] } {
  if (r.chance(0.1)) return { spec: junk(r), mutations: ['junk'] };
  const base = clone(r.pick([taskSpec(0), taskSpec(50), counterSpec, poisonSpec(3)]));
  const hasTask = JSON.stringify(base).includes('createTask');
  const applied: string[] = [];
  for (let i = 0, n = 1 + r.int(3); i < n; i++) {
    const mutation = r.pick(MUTATIONS.filter((m) => hasTask || !m.needsTask));
    if (typeof base.states !== 'object' || base.states === null || Array.isArray(base.states)) break;
    try {
      mutation.apply(base, r);
      applied.push(mutation.name);
    } catch {
      // A mutation whose target an earlier one destroyed: the spec is broken already.
    }
  }
  return { spec: base, mutations: applied };
}
