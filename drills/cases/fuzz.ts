import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { progress, progressDone, runCleanup, runPool, type Stack } from '@switchyard/testkit';
import { isEngineError } from '../../packages/engine/src/errors';
import { apiCase } from '../lib/api-fuzz';
import { openDrillStack } from '../lib/fixture';
import { createRandom } from '../lib/prng';
import type { Drill, DrillResult } from '../lib/result';
import { invalidSpec } from '../lib/spec-mutations';
import { counterSpec } from '../lib/specs';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const TABLES = ['WorkflowDefinition', 'WorkflowInstance', 'WorkflowEvent', 'Outbox', 'Task'];

async function rowCounts(stack: Stack): Promise<string> {
  const parts = await Promise.all(
    TABLES.map(
      async (t) => `${t}=${(await stack.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`)).rows[0]?.n}`,
    ),
  );
  return parts.join(' ');
}

/** A rejection is clear when it is an EngineError with an expected code and a message naming the field. */
function judge(error: unknown, codes: string[]): string | undefined {
  if (!isEngineError(error))
    return `not an EngineError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.slice(
      0,
      300,
    );
  if (!codes.includes(error.code)) return `code ${error.code}: ${error.message}`.slice(0, 300);
  if (!error.message.trim()) return 'empty message';
  if (
    (error.code === 'SPEC_INVALID' || error.code === 'BAD_INPUT') &&
    (error.details.length === 0 || !error.message.includes(error.details[0]!.path))
  ) {
    return `message does not name a path: ${error.message}`.slice(0, 300);
  }
  return undefined;
}

interface CliCase {
  args: string[];
}

function cliCases(dir: string, instanceId: string): CliCase[] {
  const bad = join(dir, 'bad-spec.json');
  writeFileSync(bad, JSON.stringify({ id: 'x', initial: 'nowhere', states: { a: { on: { GO: { target: 'b' } } } } }));
  const notJson = join(dir, 'not-json.json');
  writeFileSync(notJson, '{ "id": ');
  const duplicateKeys = join(dir, 'duplicate-keys.json');
  writeFileSync(duplicateKeys, '{"id": "dup", "initial": "a", "states": {"a": {"type": "final"}, "a": {}}}');
  const deep = join(dir, 'deep.json');
  writeFileSync(
    deep,
    `{"id": "deep", "initial": "a", "states": {"a": {"type": "final"}}, "context": {"x": ${'['.repeat(5_000)}${']'.repeat(5_000)}}}`,
  );
  const newlineEvent = join(dir, 'newline-event.json');
  writeFileSync(
    newlineEvent,
    JSON.stringify({
      id: 'nl',
      initial: 'a',
      states: { a: { on: { 'GO\nNOW': { target: 'b' } } }, b: { type: 'final' } },
    }),
  );
  return [
    ['send', 'not-a-uuid', 'TICK'],
    ['send', instanceId, 'has space'],
    ['send', instanceId, 'TICK', '--payload', '{bad'],
    ['start', 'drill-counter', '--input', '[1,2]'],
    ['start', 'drill-counter', '--input', '{nope'],
    ['start', 'no-such-definition'],
    ['start', 'drill-counter', '--version', 'x'],
    ['start'],
    ['publish', join(dir, 'missing.json')],
    ['publish', bad],
    ['publish', notJson],
    ['show', 'not-a-uuid'],
    ['retry', '123'],
    ['cancel-task', crypto.randomUUID()],
    ['frobnicate'],
    ['list', '--status', 'weird'],
    ['send', '--bogus-flag'],
    ['publish', duplicateKeys],
    ['publish', deep],
    ['publish', newlineEvent],
    ['start', 'drill-counter', '--input', `@${join(dir, 'missing.json')}`],
    ['start', 'drill-counter', '--input', '{"a": 1, "a": 2}'],
    ['show', instanceId, '--limit', '0'],
    ['start', 'drill-counter', '--wait', '--timeout', 'soon'],
  ].map((args) => ({ args }));
}

/** Fuzzed specs, service calls and CLI invocations: each rejected with a clear error, nothing stored. */
export const fuzzDrill: Drill = {
  name: 'fuzz',
  quick: true,
  summary: 'fuzzed specs, service input and CLI input (seeded)',
  async run({ instances }): Promise<DrillResult> {
    const seed = Number(process.env.DRILL_SEED ?? 20_261_125);
    const r = createRandom(seed);
    const specCases = Math.max(1_000, instances * 5);
    const apiCases = Math.max(1_000, instances * 5);
    try {
      const stack = await openDrillStack('fuzz', [counterSpec]);
      // No worker: the one instance stays in its initial state, a valid target for fuzzed sendEvent calls.
      const { instanceId } = await stack.engine.service.startInstance(stack.ctx, { definitionKey: 'drill-counter' });
      const before = await rowCounts(stack);
      const failures: string[] = [];
      const started = Date.now();
      await runPool(
        specCases,
        8,
        async () => {
          const { spec, mutations } = invalidSpec(r);
          try {
            await stack.engine.service.publishDefinition(stack.ctx, { spec });
            failures.push(`spec accepted (${mutations.join(', ')}): ${JSON.stringify(spec).slice(0, 300)}`);
          } catch (error) {
            const problem = judge(error, ['SPEC_INVALID', 'BAD_INPUT']);
            if (problem) failures.push(`spec (${mutations.join(', ')}): ${problem}`);
          }
        },
        (done) => progress('fuzz: specs', done, specCases),
      );
      await runPool(
        apiCases,
        8,
        async () => {
          const c = apiCase(r, stack.engine.service, stack.ctx, instanceId);
          try {
            await c.call();
            failures.push(`accepted: ${c.label}`);
          } catch (error) {
            const problem = judge(error, ['BAD_INPUT', 'NOT_FOUND', 'CONFLICT']);
            if (problem) failures.push(`${c.label}: ${problem}`);
          }
        },
        (done) => progress('fuzz: service calls', done, apiCases),
      );

      const dir = mkdtempSync(join(tmpdir(), 'sy-fuzz-'));
      const cli = cliCases(dir, instanceId);
      await runPool(
        cli.length,
        4,
        async (i) => {
          const { args } = cli[i]!;
          const env = {
            ...process.env,
            DATABASE_URL: stack.databaseUrl,
            REDIS_URL: stack.redisUrl,
            QUEUE_PREFIX: stack.queuePrefix,
            LOG_LEVEL: 'silent',
          };
          const result = await run(
            process.execPath,
            ['--import', 'tsx', 'packages/engine/src/cli/main.ts', ...args, '--tenant', stack.ctx.tenantId],
            { cwd: repoRoot, env, timeout: 60_000 },
          ).then(
            (out) => ({ code: 0, stderr: out.stderr }),
            (error: { code?: number; stderr?: string }) => ({ code: error.code ?? -1, stderr: error.stderr ?? '' }),
          );
          const clear =
            /^error: \S/.test(result.stderr) &&
            !/\n\s+at /.test(result.stderr) &&
            result.stderr.trim().split('\n').length === 1;
          if (result.code !== 1 && result.code !== 2)
            failures.push(`cli ${args.join(' ')}: exit ${result.code} ${result.stderr.slice(0, 200)}`);
          else if (!clear) failures.push(`cli ${args.join(' ')}: unclear error ${result.stderr.slice(0, 200)}`);
        },
        (done) => progress('fuzz: cli', done, cli.length),
      );

      const after = await rowCounts(stack);
      const seconds = (Date.now() - started) / 1000;
      progressDone(
        'fuzz: done',
        `${specCases + apiCases + cli.length} cases in ${seconds.toFixed(1)} s, ${failures.length} problems`,
      );
      return {
        name: 'fuzz',
        load: `${specCases} specs + ${apiCases} service calls + ${cli.length} CLI runs (seed ${seed})`,
        faults: 'invalid input only',
        recoverySeconds: 0,
        lost: 0,
        duplicates: 0,
        checks: [
          {
            what: 'every case rejected with EngineError(code, message naming the field)',
            ok: failures.length === 0,
            detail: failures.length ? `${failures.length} problems: ${failures.slice(0, 4).join(' || ')}` : undefined,
          },
          {
            what: 'row counts unchanged',
            ok: before === after,
            detail: before === after ? undefined : `before ${before}; after ${after}`,
          },
        ],
      };
    } finally {
      await runCleanup();
    }
  },
};
