import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { type Stack } from '@switchyard/testkit';

const CHANNEL = 'sy_bench_commit';

/** Commit times (ms, performance.timeOrigin-based) of timeline rows, keyed `instanceId:seq`. */
export interface CommitListener {
  commits: Map<string, number>;
  stop(): Promise<void>;
}

// The listening thread: it timestamps each notification the moment it arrives and hands them over every few
// milliseconds. On the bench's own event loop a notification would wait behind the sender's work, and the sender's
// lag would be counted as the engine's latency. Plain JavaScript: a worker thread does not go through tsx.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const client = new pg.Client({ connectionString: workerData.url });
let batch = [];
client.on('notification', (m) => { if (m.payload) batch.push([m.payload, performance.timeOrigin + performance.now()]); });
const flush = () => { if (batch.length) { parentPort.postMessage(batch); batch = []; } };
const timer = setInterval(flush, 5);
parentPort.on('message', async () => { clearInterval(timer); flush(); await client.end(); parentPort.postMessage('stopped'); });
client.connect().then(() => client.query('LISTEN ${CHANNEL}')).then(() => parentPort.postMessage('listening'));
`;

/**
 * NOTIFY is delivered at COMMIT, so a trigger that notifies on `transition` and `task.succeeded` rows tells us when
 * each one became durable and visible, without polling. The trigger lives only in the bench database and only
 * during the latency phases, so the throughput phases run the engine untouched.
 */
export async function startCommitListener(stack: Stack): Promise<CommitListener> {
  await stack.sql.query(`
    CREATE OR REPLACE FUNCTION bench_notify_commit() RETURNS trigger AS $$
    BEGIN PERFORM pg_notify('${CHANNEL}', NEW."instanceId"::text || ':' || NEW.seq); RETURN NULL; END $$ LANGUAGE plpgsql`);
  await stack.sql.query(`
    CREATE TRIGGER bench_notify_commit AFTER INSERT ON "WorkflowEvent" FOR EACH ROW
    WHEN (NEW.type IN ('transition', 'task.succeeded')) EXECUTE FUNCTION bench_notify_commit()`);
  const commits = new Map<string, number>();
  const pgPath = createRequire(import.meta.url).resolve('pg');
  const thread = new Worker(THREAD, { eval: true, workerData: { pgPath, url: stack.ownerUrl } });
  let stopped: () => void = () => undefined;
  const listening = new Promise<void>((resolve, reject) => {
    thread.once('error', reject);
    thread.on('message', (message: [string, number][] | 'listening' | 'stopped') => {
      if (message === 'listening') resolve();
      else if (message === 'stopped') stopped();
      else for (const [key, at] of message) commits.set(key, at);
    });
  });
  await listening;
  return {
    commits,
    async stop() {
      await new Promise<void>((resolve) => {
        stopped = resolve;
        thread.postMessage('stop');
      });
      await thread.terminate();
      await stack.sql.query('DROP TRIGGER IF EXISTS bench_notify_commit ON "WorkflowEvent"');
    },
  };
}
