import type { BatchAction } from '../../contracts/batches';

/** What the preview and the runner know about a matched instance. */
export interface InstanceFacts {
  id: string;
  businessKey: string | null;
  definitionKey: string;
  definitionVersion: number;
  status: string;
  stateValue: string;
  paused: boolean;
  failedTasks: string[];
  pendingTasks: number;
}

/** What a batch will do to one instance: act (and how, in words), or skip (and why). */
export type Outcome = { act: true; text: string } | { act: false; text: string };

const closed = (f: InstanceFacts) => f.status === 'completed' || f.status === 'cancelled';

/**
 * The outcome a batch action has on one instance, decided from the same facts in the preview and at run time
 * (where the facts are read again just before acting, so the preview's promise is checked, never assumed).
 */
export function outcomeFor(action: BatchAction, f: InstanceFacts, extra?: (f: InstanceFacts) => Outcome): Outcome {
  if (f.status === 'cancelled' && action.action !== 'cancel') return { act: false, text: 'is cancelled; skipped' };
  switch (action.action) {
    case 'cancel':
      return closed(f)
        ? { act: false, text: `is already ${f.status}; skipped` }
        : { act: true, text: `will be cancelled (${f.pendingTasks} pending task(s))` };
    case 'retry':
      if (closed(f)) return { act: false, text: `is ${f.status}; skipped` };
      if (f.paused) return { act: false, text: 'is paused; skipped (resume it first)' };
      return f.failedTasks.length
        ? { act: true, text: `will retry ${[...new Set(f.failedTasks)].sort().join(', ')}` }
        : { act: false, text: 'has no failed task; skipped' };
    case 'send':
      return closed(f)
        ? { act: false, text: `is ${f.status}; it accepts no events; skipped` }
        : { act: true, text: `will receive ${action.event}` };
    case 'move':
      return { act: true, text: `will move ${f.stateValue} → ${action.state}` };
    case 'pause':
      if (closed(f)) return { act: false, text: `is ${f.status}; skipped` };
      return f.paused ? { act: false, text: 'is already paused; skipped' } : { act: true, text: 'will be paused' };
    case 'resume':
      return f.paused ? { act: true, text: 'will be resumed' } : { act: false, text: 'is not paused; skipped' };
    case 'migrate':
      if (!extra) throw new Error('a migration outcome needs the migration plan');
      return extra(f);
  }
}
