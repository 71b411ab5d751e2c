'use client';

import { StatusBadge } from '~/components/status-badge';
import { text } from '~/lib/format';

interface TaskLike {
  id: string;
  name: string;
  type: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
}
interface DecisionLike {
  taskId: string;
  taskName: string;
  taskStatus: string;
  decision: unknown;
}

function Tasks({ tasks }: { tasks: TaskLike[] }) {
  if (tasks.length === 0) return <p className="muted">No tasks.</p>;
  return (
    <table className="compare-diff">
      <thead>
        <tr>
          <th>task</th>
          <th>status</th>
          <th>attempts</th>
          <th>last error</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <tr key={t.id}>
            <td>
              {t.name} <span className="muted">{t.type}</span>
            </td>
            <td>
              <StatusBadge status={t.status} />
            </td>
            <td>
              {t.attempts}/{t.maxAttempts}
            </td>
            <td>{t.lastError ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Decisions({ decisions }: { decisions: DecisionLike[] }) {
  if (decisions.length === 0) return null;
  return (
    <table className="compare-diff" style={{ marginTop: 8 }}>
      <thead>
        <tr>
          <th>AI decision</th>
          <th>proposed</th>
          <th>outcome</th>
          <th>confidence</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((d) => {
          const record = (d.decision ?? {}) as {
            decision?: { event?: unknown; confidence?: unknown; rationale?: unknown };
            policy?: { outcome?: unknown };
            approval?: { status?: unknown };
          };
          return (
            <tr key={d.taskId} title={text(record.decision?.rationale)}>
              <td>{d.taskName}</td>
              <td>
                <code>{text(record.decision?.event) || '—'}</code>
              </td>
              <td>
                {[text(record.policy?.outcome), text(record.approval?.status)].filter(Boolean).join(' · ') ||
                  d.taskStatus}
              </td>
              <td>{text(record.decision?.confidence) || '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Task attempts and AI decisions of one side. */
export function SideWork({ tasks, decisions }: { tasks: TaskLike[]; decisions: DecisionLike[] }) {
  return (
    <>
      <Tasks tasks={tasks} />
      <Decisions decisions={decisions} />
    </>
  );
}
