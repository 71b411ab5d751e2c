import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../../src/errors';
import { helloWorkflow } from '../../src/workflows/fixtures';
import { createHarness, type Harness } from '../support/harness';

const spec = (id: string) => ({ ...structuredClone(helloWorkflow), id });

describe('drafts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h.close());

  it('saves, reads back and discards a draft, even an invalid one', async () => {
    const s = h.engine.service;
    expect(await s.getDraft(h.ctx, { key: 'draft-a' })).toBeNull();
    await s.saveDraft(h.ctx, { key: 'draft-a', spec: { id: 'draft-a', initial: 'nowhere', states: {} } });
    const saved = await s.saveDraft(h.ctx, { key: 'draft-a', spec: spec('draft-a') });
    expect(saved).toMatchObject({
      key: 'draft-a',
      baseVersion: null,
      latestVersion: null,
      updatedBy: 'operator:tester',
    });
    expect((await s.getDraft(h.ctx, { key: 'draft-a' }))?.spec).toEqual(spec('draft-a'));
    expect(await s.discardDraft(h.ctx, { key: 'draft-a' })).toEqual({ discarded: true });
    expect(await s.getDraft(h.ctx, { key: 'draft-a' })).toBeNull();
  });

  it('refuses to publish an invalid draft, naming the paths, and stores nothing', async () => {
    const s = h.engine.service;
    const bad = spec('draft-bad');
    (bad.states.notify!.on!['HELLO_SENT'] as { target: string }).target = 'nowhere';
    await s.saveDraft(h.ctx, { key: 'draft-bad', spec: bad });
    const error = await s.publishDraft(h.ctx, { key: 'draft-bad', message: 'try' }).catch((e: unknown) => e);
    expect(isEngineError(error) && error.code).toBe('SPEC_INVALID');
    expect(isEngineError(error) && error.details.map((d) => d.path)).toContain('$.states.notify.on.HELLO_SENT.target');
    await expect(s.listDefinitionVersions(h.ctx, { key: 'draft-bad' })).rejects.toThrow(/not found/);
    expect(await s.getDraft(h.ctx, { key: 'draft-bad' })).not.toBeNull();
  });

  it('publishes a valid draft as a new version with its message and author, then drops the draft', async () => {
    const s = h.engine.service;
    await s.saveDraft(h.ctx, { key: 'draft-ok', spec: spec('draft-ok') });
    const published = await s.publishDraft(h.ctx, { key: 'draft-ok', message: 'first cut' });
    expect(published).toMatchObject({
      key: 'draft-ok',
      version: 1,
      message: 'first cut',
      publishedBy: 'operator:tester',
      created: true,
    });
    expect(await s.getDraft(h.ctx, { key: 'draft-ok' })).toBeNull();
  });

  it('diffs a version against the draft and counts running instances in the states it changes', async () => {
    const s = h.engine.service;
    await s.publishDefinition(h.ctx, { spec: spec('draft-diff'), message: 'v1' });
    // Starting applies WORKFLOW_START at once; no worker runs here, so both instances stay in "notify".
    await s.startInstance(h.ctx, { definitionKey: 'draft-diff' });
    await s.startInstance(h.ctx, { definitionKey: 'draft-diff' });
    const next = spec('draft-diff');
    (next.states.notify!.on!['HELLO_SENT'] as { target: string }).target = 'start';
    await s.saveDraft(h.ctx, { key: 'draft-diff', spec: next });
    const result = await s.diffVersions(h.ctx, { key: 'draft-diff', from: 1, to: 'draft' });
    expect(result.diff.transitions).toEqual([
      { key: 'notify:HELLO_SENT:0', state: 'notify', event: 'HELLO_SENT', index: 0, kind: 'changed' },
    ]);
    expect(result.affected).toEqual({ total: 2, byState: [{ state: 'notify', count: 2 }] });
  });
});
