import { ensurePostgres, note, onCleanup, restartPostgres, sleep, terminateBackends } from '@switchyard/testkit';
import { runFaultDrill } from '../lib/fault-drill';
import type { Drill } from '../lib/result';

/** Terminates every database session of the workers twice mid-run (pg_terminate_backend). */
export const pgTerminateDrill: Drill = {
  name: 'pg-terminate',
  quick: true,
  summary: 'pg_terminate_backend on all worker sessions, twice, under load',
  run: ({ instances }) =>
    runFaultDrill({
      name: 'pg-terminate',
      workers: 2,
      instances,
      loadSeconds: 8,
      taskMs: 100,
      recoveryDeadlineMs: 60_000,
      async inject({ stack }) {
        const database = new URL(stack.databaseUrl).pathname.slice(1);
        let killed = 0;
        for (const at of [2_000, 2_000]) {
          await sleep(at);
          killed += await terminateBackends(database);
          note(`pg-terminate: sessions terminated (${killed} so far)`);
        }
        return `2 × pg_terminate_backend of every session on the drill database (${killed} sessions)`;
      },
    }),
};

/** Restarts the Postgres cluster mid-run; the workers must reconnect and finish everything. */
export const postgresRestartDrill: Drill = {
  name: 'postgres-restart',
  quick: false,
  summary: 'restart Postgres (fast shutdown) under load',
  run: ({ instances }) =>
    runFaultDrill({
      name: 'postgres-restart',
      workers: 2,
      instances,
      loadSeconds: 10,
      taskMs: 100,
      recoveryDeadlineMs: 90_000,
      async inject() {
        onCleanup(ensurePostgres);
        await sleep(3_000);
        const started = Date.now();
        await restartPostgres();
        note(`postgres-restart: restarted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return `pg_ctlcluster restart -m fast (${((Date.now() - started) / 1000).toFixed(1)} s until it accepted connections)`;
      },
    }),
};
