import pg from 'pg';
import { type Stack } from '@switchyard/testkit';

const CHANNEL = 'sy_bench_commit';

/** Commit times (ms, performance.timeOrigin-based) of timeline rows, keyed `instanceId:seq`. */
export interface CommitListener {
  commits: Map<string, number>;
  stop(): Promise<void>;
}

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
  const client = new pg.Client({ connectionString: stack.ownerUrl });
  await client.connect();
  const commits = new Map<string, number>();
  client.on('notification', (message) => {
    if (message.payload) commits.set(message.payload, performance.timeOrigin + performance.now());
  });
  await client.query(`LISTEN ${CHANNEL}`);
  return {
    commits,
    async stop() {
      await client.end();
      await stack.sql.query('DROP TRIGGER IF EXISTS bench_notify_commit ON "WorkflowEvent"');
    },
  };
}
