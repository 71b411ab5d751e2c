// `pnpm drills`: faults injected into a loaded system, then proof from Postgres that nothing was lost or doubled.
import {
  installSignalCleanup,
  intFlag,
  note,
  parseFlags,
  renderTable,
  runCleanup,
  stringFlag,
} from '@switchyard/testkit';
import { duplicatesDrill } from './cases/duplicates';
import { fuzzDrill } from './cases/fuzz';
import { hotInstanceDrill } from './cases/hot-instance';
import { noisyNeighbourDrill } from './cases/noisy-neighbour';
import { poisonDrill } from './cases/poison';
import { pgTerminateDrill, postgresRestartDrill } from './cases/postgres';
import { redisDrill } from './cases/redis';
import { redisClusterDrill } from './cases/redis-cluster';
import { sigkillDrill } from './cases/sigkill';
import { passed, type Drill, type DrillResult } from './lib/result';

const DRILLS: Drill[] = [
  fuzzDrill,
  duplicatesDrill,
  redisClusterDrill,
  hotInstanceDrill,
  poisonDrill,
  noisyNeighbourDrill,
  pgTerminateDrill,
  sigkillDrill('sigkill-short', 3, true),
  redisDrill,
  sigkillDrill('sigkill', 20, false),
  postgresRestartDrill,
];

const USAGE = `usage: pnpm drills [--quick | --all | --only <name>[,<name>]] [--instances N]
drills:\n${DRILLS.map((d) => `  ${d.name.padEnd(17)} ${d.quick ? 'quick' : 'long '}  ${d.summary}`).join('\n')}`;

function select(flags: ReturnType<typeof parseFlags>): Drill[] {
  const only = stringFlag(flags, 'only');
  if (only) {
    const names = only.split(',');
    const unknown = names.filter((n) => !DRILLS.some((d) => d.name === n));
    if (unknown.length) throw new Error(`unknown drill ${unknown.join(', ')}\n${USAGE}`);
    return DRILLS.filter((d) => names.includes(d.name));
  }
  return flags.has('all') ? DRILLS : DRILLS.filter((d) => d.quick);
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const drills = select(flags);
  const instances = intFlag(flags, 'instances', 200);
  installSignalCleanup();
  const results: DrillResult[] = [];
  const started = Date.now();
  for (const drill of drills) {
    note(`── ${drill.name}: ${drill.summary}`);
    try {
      results.push(await drill.run({ instances }));
    } catch (error) {
      results.push({
        name: drill.name,
        load: '—',
        faults: '—',
        recoverySeconds: Number.NaN,
        lost: Number.NaN,
        duplicates: Number.NaN,
        checks: [
          {
            what: 'drill ran to the end',
            ok: false,
            detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
          },
        ],
      });
    }
    const last = results[results.length - 1]!;
    for (const check of last.checks)
      note(`   ${check.ok ? 'ok  ' : 'FAIL'} ${check.what}${check.detail ? ` — ${check.detail}` : ''}`);
  }
  console.log(
    renderTable(
      ['drill', 'load held', 'faults injected', 'recovery s', 'lost', 'dups', 'result'],
      results.map((r) => [
        r.name,
        r.load,
        r.faults,
        r.recoverySeconds,
        r.lost,
        r.duplicates,
        passed(r) ? 'PASS' : 'FAIL',
      ]),
    ),
  );
  const failed = results.filter((r) => !passed(r));
  console.log(
    `\n${results.length - failed.length}/${results.length} drills passed in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const r of failed)
    for (const c of r.checks.filter((c) => !c.ok))
      console.log(`FAIL ${r.name}: ${c.what}${c.detail ? ` — ${c.detail}` : ''}`);
  return failed.length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  note(`drills failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await runCleanup();
}
process.exit(code);
