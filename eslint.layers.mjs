// The engine's layers and the rule that keeps imports pointing one way (eslint-plugin-boundaries), included by
// eslint.config.mjs and read by packages/engine/test/unit/layers.test.ts. ARCHITECTURE.md explains each layer.
import boundaries from 'eslint-plugin-boundaries';

const ENGINE = 'packages/engine/src';

/**
 * Lowest first. A folder (or top-level file) of packages/engine/src may import the folders of the layers below
 * its own, never one in its own layer or above: type imports, re-exports and dynamic imports count too. A new
 * folder must be given a layer here (test/unit/layers.test.ts fails while one has none).
 */
export const engineLayers = [
  { name: 'declarations', folders: ['contracts', 'generated', 'errors.ts'] },
  { name: 'base', folders: ['json.ts', 'clock.ts', 'logger.ts', 'limits', 'observability', 'migrate'] },
  { name: 'spec', folders: ['spec'] },
  { name: 'core', folders: ['core', 'workflows'] },
  { name: 'resources', folders: ['store', 'secrets', 'egress', 'hooks', 'search', 'access'] },
  { name: 'queues', folders: ['queues'] },
  { name: 'assembly', folders: ['deps', 'config', 'tasks'] },
  { name: 'ai', folders: ['ai'] },
  { name: 'service', folders: ['service'] },
  { name: 'runtime', folders: ['runtime', 'seed.ts', 'seed-people.ts'] },
  { name: 'entry', folders: ['cli', 'index.ts'] },
];

/** Elements whose files may import each other although they share a layer (one concern split over two files). */
const siblingsAllowed = [['seed.ts', 'seed-people.ts']];

const APPS = ['apps/web/src', 'apps/worker/src', 'examples/*/src'];

// Each folder (or top-level file) of the engine is one file category; the engine is one element, so the imports
// between its files are checked too (checkInternals), a folder's imports of itself allowed like any lower layer's.
const category = (folder) => `engine:${folder.replace(/\.ts$/, '')}`;
const categoryFiles = engineLayers.flatMap(({ folders }) =>
  folders.map((folder) => ({
    category: category(folder),
    pattern: folder.endsWith('.ts') ? `${ENGINE}/${folder}` : `${ENGINE}/${folder}/**`,
  })),
);
const files = (folders) => ({ file: { categories: folders.map(category) } });

const layerPolicies = engineLayers.flatMap(({ folders }, index) => {
  const below = engineLayers.slice(0, index).flatMap((layer) => layer.folders);
  return folders.map((folder) => ({ from: files([folder]), allow: { to: files([folder, ...below]) } }));
});

const siblingPolicies = siblingsAllowed.map((group) => ({ from: files(group), allow: { to: files(group) } }));

const resolver = { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.mjs', '.js'] } } };
const dependencyNodes = ['import', 'export', 'dynamic-import'];

export const layersConfig = [
  {
    files: [`${ENGINE}/**/*.ts`],
    plugins: { boundaries },
    settings: {
      ...resolver,
      'boundaries/elements': [{ type: 'engine', pattern: ENGINE }],
      'boundaries/files': categoryFiles,
      'boundaries/dependency-nodes': dependencyNodes,
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkInternals: true,
          message:
            '{{from.file.categories}} may not import {{to.file.categories}}: engine imports point down the layers in eslint.layers.mjs (ARCHITECTURE.md, "Layers")',
          policies: [...layerPolicies, ...siblingPolicies],
        },
      ],
    },
  },
  {
    // Programs outside the engine: they import it through its package exports (`@switchyard/engine/...`, which
    // TypeScript holds to package.json "exports"), never by a path into packages/engine.
    files: APPS.map((app) => `${app}/**/*.{ts,tsx}`),
    plugins: { boundaries },
    settings: {
      ...resolver,
      'boundaries/elements': [
        { type: 'engine', pattern: ENGINE },
        ...APPS.map((app) => ({ type: 'app', pattern: app })),
      ],
      'boundaries/dependency-nodes': dependencyNodes,
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              from: { element: { type: 'app' } },
              disallow: { to: { element: { type: 'engine' } } },
              message:
                'apps import the engine through its package exports (@switchyard/engine/...), never by a path into packages/engine',
            },
          ],
        },
      ],
    },
  },
];
