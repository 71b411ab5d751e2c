'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { useTRPC } from '~/trpc/react';
import { DecisionCard } from './decision-card';
import './decisions.css';

/**
 * Every AI decision of an instance. `lastSeq` is the instance's live timeline position: when it grows (a model
 * answered, someone resolved a decision) the decisions are fetched again, so the panel follows the instance.
 */
export function DecisionsPanel({ instanceId, lastSeq }: { instanceId: string; lastSeq: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const decisions = useQuery(trpc.decisions.forInstance.queryOptions({ instanceId }));
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.decisions.forInstance.queryKey({ instanceId }) });
  }, [lastSeq, instanceId, queryClient, trpc]);

  const pending = decisions.data?.filter((d) => d.decision?.approval.status === 'pending').length ?? 0;
  return (
    <Panel
      title={`AI decisions (${decisions.data?.length ?? '…'})`}
      actions={
        pending > 0 ? (
          <span className="badge badge--amber">
            <span className="badge__dot" />
            {pending} awaiting approval
          </span>
        ) : undefined
      }
    >
      {decisions.error ? (
        <ErrorBox error={decisions.error} />
      ) : !decisions.data ? (
        <Skeleton rows={4} />
      ) : (
        <div className="decision-list" data-testid="decisions-panel">
          {decisions.data.map((view) => (
            <DecisionCard key={view.taskId} view={view} />
          ))}
        </div>
      )}
    </Panel>
  );
}
