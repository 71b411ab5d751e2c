// The layer rule (eslint.layers.mjs, run by `pnpm lint`) as a reviewer meets it: the repository's own ESLint config
// over a file that imports the wrong way, and over the same file importing the right way. Type-aware rules are
// switched off so that a file that exists only in memory can be linted; the boundaries rules are the ones asserted.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const engineSrc = `${repoRoot}packages/engine/src`;

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({
    cwd: repoRoot,
    overrideConfig: tseslint.configs.disableTypeChecked as Linter.Config,
    ruleFilter: ({ ruleId }) => ruleId.startsWith('boundaries/'),
  });
});

/** The layer rule's messages for `text` as if it were the file at `filePath` (relative to the repository). */
async function layerErrors(filePath: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: `${repoRoot}${filePath}` });
  return (result?.messages ?? []).map((m) => `${m.line}: ${m.ruleId} ${m.message}`);
}

describe('the layer rule', { timeout: 60_000 }, () => {
  it('refuses a store file that imports the service, by value, by type, by re-export and by dynamic import', async () => {
    const errors = await layerErrors(
      'packages/engine/src/store/wrong-way.ts',
      [
        "import { sendEvent } from '../service/commands';",
        "import type { EngineService } from '../service';",
        "export { cancelInstance } from '../service/commands';",
        "export const later = () => import('../runtime/engine');",
        'export type Both = [typeof sendEvent, EngineService];',
      ].join('\n'),
    );
    const because = 'engine imports point down the layers in eslint.layers.mjs';
    expect(errors).toEqual([
      `1: boundaries/dependencies engine:store may not import engine:service: ${because} (ARCHITECTURE.md, "Layers")`,
      `2: boundaries/dependencies engine:store may not import engine:service: ${because} (ARCHITECTURE.md, "Layers")`,
      `3: boundaries/dependencies engine:store may not import engine:service: ${because} (ARCHITECTURE.md, "Layers")`,
      `4: boundaries/dependencies engine:store may not import engine:runtime: ${because} (ARCHITECTURE.md, "Layers")`,
    ]);
  });

  it('refuses an import between two folders of one layer, and one from the contracts to anything', async () => {
    expect(await layerErrors('packages/engine/src/store/sideways.ts', "export * from '../secrets/keyring';")).toEqual([
      expect.stringContaining('engine:store may not import engine:secrets'),
    ]);
    expect(await layerErrors('packages/engine/src/contracts/sideways.ts', "export * from '../errors';")).toEqual([
      expect.stringContaining('engine:contracts may not import engine:errors'),
    ]);
  });

  it('accepts the same store file importing its own folder and the layers below', async () => {
    const errors = await layerErrors(
      'packages/engine/src/store/right-way.ts',
      [
        "import { inTransaction } from './sql/transaction';",
        "import type { ApplyEventJob } from '../contracts/jobs';",
        "import { step } from '../core';",
        "import { EngineError } from '../errors';",
        'export { inTransaction, step, EngineError };',
        'export type { ApplyEventJob };',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });

  it('refuses an app that reaches into packages/engine by path, and accepts the package exports', async () => {
    expect(
      await layerErrors(
        'apps/web/src/server/wrong-way.ts',
        "export { sendEvent } from '../../../../packages/engine/src/service/commands';",
      ),
    ).toEqual([
      '1: boundaries/dependencies apps import the engine through its package exports (@switchyard/engine/...), never by a path into packages/engine',
    ]);
    expect(
      await layerErrors('apps/web/src/server/right-way.ts', "export { createEngine } from '@switchyard/engine';"),
    ).toEqual([]);
  });

  it('gives every folder and top-level file of packages/engine/src exactly one layer', async () => {
    const layersModule = `${repoRoot}eslint.layers.mjs`;
    const { engineLayers } = (await import(layersModule)) as { engineLayers: { name: string; folders: string[] }[] };
    const placed = engineLayers.flatMap((layer) => layer.folders);
    const present = readdirSync(engineSrc).filter((name) => !name.startsWith('.'));
    expect([...placed].sort()).toEqual([...present].sort());
    expect(new Set(placed).size).toBe(placed.length);
  });
});
