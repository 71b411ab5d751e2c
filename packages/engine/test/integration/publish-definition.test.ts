import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helloWorkflow } from '../../src/workflows/fixtures';
import { createHarness, type Harness } from '../support/harness';

const base = () => structuredClone(helloWorkflow) as unknown as Record<string, any>;

// Each case: a spec with one defect, and the JSON path the rejection must name.
const invalidSpecs: [string, () => unknown, string][] = [
  ['not an object', () => 'hello', '$'],
  [
    'missing initial',
    () => {
      const s = base();
      delete s.initial;
      return s;
    },
    '$.initial',
  ],
  ['initial names no state', () => ({ ...base(), initial: 'begin' }), '$.initial'],
  ['no states', () => ({ ...base(), states: {} }), '$.states'],
  [
    'unknown transition target',
    () => {
      const s = base();
      s.states.notify.on.HELLO_SENT.target = 'dne';
      return s;
    },
    '$.states.notify.on.HELLO_SENT.target',
  ],
  [
    'unknown guard',
    () => {
      const s = base();
      s.states.notify.on.HELLO_SENT.guard = 'isReady';
      return s;
    },
    '$.states.notify.on.HELLO_SENT.guard',
  ],
  [
    'bad action type',
    () => {
      const s = base();
      s.states.start.on.WORKFLOW_START.actions[0].type = 'sendEmail';
      return s;
    },
    '$.states.start.on.WORKFLOW_START.actions[0].type',
  ],
  [
    'createTask without a type',
    () => {
      const s = base();
      delete s.states.start.on.WORKFLOW_START.actions[0].task.type;
      return s;
    },
    '$.states.start.on.WORKFLOW_START.actions[0].task.type',
  ],
  [
    'final state with transitions',
    () => {
      const s = base();
      s.states.done.on = { AGAIN: { target: 'start' } };
      return s;
    },
    '$.states.done.on',
  ],
  [
    'reference with an unknown root',
    () => {
      const s = base();
      s.states.start.on.WORKFLOW_START.actions[0].task.input.to = { $ref: 'input.email' };
      return s;
    },
    '$.states.start.on.WORKFLOW_START.actions[0].task.input.to.$ref',
  ],
  [
    'invalid runAt',
    () => {
      const s = base();
      s.states.start.on.WORKFLOW_START.actions[0].task.runAt = 'tomorrow-ish';
      return s;
    },
    '$.states.start.on.WORKFLOW_START.actions[0].task.runAt',
  ],
  [
    'misspelt key',
    () => {
      const s = base();
      s.states.notify.on.HELLO_SENT = { traget: 'done' };
      return s;
    },
    '$.states.notify.on.HELLO_SENT.traget',
  ],
];

describe('publishing definitions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h.close());

  it.each(invalidSpecs)(
    'rejects a spec with %s, naming the JSON path, and stores nothing',
    async (_name, make, path) => {
      const before = await h.engine.deps.prisma.workflowDefinition.count();
      const error = await h.engine.service.publishDefinition(h.ctx, { spec: make() }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'SPEC_INVALID' });
      const paths = (error as { details: { path: string }[] }).details.map((d) => d.path);
      expect(paths).toContain(path);
      expect(await h.engine.deps.prisma.workflowDefinition.count()).toBe(before);
    },
  );

  it('publishes a new version only when the spec changed, and keeps versions immutable', async () => {
    const changed = base();
    changed.context = { greeted: true };
    const v2 = await h.engine.service.publishDefinition(h.ctx, { spec: changed, message: 'greet by default' });
    expect(v2).toMatchObject({ key: 'hello-workflow', version: 2, created: true, message: 'greet by default' });
    const again = await h.engine.service.publishDefinition(h.ctx, { spec: changed });
    expect(again).toMatchObject({ version: 2, created: false });
    await expect(
      h.engine.deps.prisma.workflowDefinition.update({ where: { id: v2.id }, data: { spec: {} } }),
    ).rejects.toThrow(/immutable/);
    const versions = await h.engine.service.listDefinitionVersions(h.ctx, { key: 'hello-workflow' });
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
  });

  // The app connects as switchyard_app, which holds no UPDATE/DELETE on the timeline; the owner meets the trigger
  // (app-role.test.ts covers that side).
  it('refuses to change the audit log at the database', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'hello-workflow' });
    await expect(
      h.engine.deps.prisma.workflowEvent.updateMany({ where: { instanceId }, data: { type: 'forged' } }),
    ).rejects.toThrow(/permission denied for table WorkflowEvent/);
    await expect(h.engine.deps.prisma.workflowEvent.deleteMany({ where: { instanceId } })).rejects.toThrow(
      /permission denied for table WorkflowEvent/,
    );
  });
});
