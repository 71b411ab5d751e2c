'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { RequiresRole } from '~/components/auth/requires-role';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { specToGraph } from '~/lib/editor/graph-model';
import { useTRPC } from '~/trpc/react';
import { useSpecChecks } from './use-spec-checks';
import { WorkflowEditor } from './workflow-editor';

const blankSpec = { id: '', initial: '', states: {} };

/** The editor for admins; anyone else gets a read-only notice pointing at the definition, not a form Save would refuse. */
export function EditorLoader({ definitionKey }: { definitionKey: string | null }) {
  const back = definitionKey
    ? { href: `/definitions/${encodeURIComponent(definitionKey)}`, label: `View ${definitionKey} (read only)` }
    : { href: '/definitions', label: 'Back to the definitions' };
  return (
    <RequiresRole role="admin" what="Editing a workflow definition" back={back}>
      <EditorFor definitionKey={definitionKey} />
    </RequiresRole>
  );
}

/** Opens the editor on the draft of a key, or on its latest version when there is no draft. */
function EditorFor({ definitionKey }: { definitionKey: string | null }) {
  const trpc = useTRPC();
  const enabled = definitionKey !== null;
  const draft = useQuery({
    ...trpc.drafts.get.queryOptions({ key: definitionKey ?? '' }),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const latest = useQuery({
    ...trpc.definitions.get.queryOptions({ key: definitionKey ?? '' }),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const specChecks = useSpecChecks();
  const checks = specChecks.checks;
  const loaded = (!enabled || (draft.isSuccess && (latest.isSuccess || latest.isError))) && checks !== undefined;
  const source = !enabled ? blankSpec : draft.data ? draft.data.spec : latest.data?.spec;
  const graph = useMemo(() => (loaded && source !== undefined ? specToGraph(source) : null), [loaded, source]);

  if (specChecks.error) return <ErrorBox error={specChecks.error} title="Could not load the task types" />;
  if (draft.error) return <ErrorBox error={draft.error} title="Could not load the draft" />;
  if (enabled && latest.error && !draft.data)
    return <ErrorBox error={latest.error} title={`Definition ${definitionKey}`} />;
  if (!loaded || !checks) return <Skeleton rows={1} height={560} />;
  if (!graph)
    return (
      <ErrorBox error={new Error('the stored spec has no states object to draw')} title="Cannot open the editor" />
    );
  const baseVersion = draft.data ? draft.data.baseVersion : (latest.data?.version ?? null);
  return (
    <WorkflowEditor
      definitionKey={definitionKey}
      graph={graph}
      baseVersion={baseVersion}
      hasDraft={Boolean(draft.data)}
      checks={checks}
    />
  );
}
