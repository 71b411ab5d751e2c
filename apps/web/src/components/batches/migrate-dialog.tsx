'use client';

import type { MigrationTaskMode } from '@switchyard/engine/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { useSession } from '~/components/auth/session-context';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';

const statesOf = (spec: unknown): string[] =>
  Object.keys((spec as { states?: Record<string, unknown> } | null)?.states ?? {});

/**
 * From the diff view: migrate the instances of one version to another as a batch. A state the new version removed
 * must be mapped before the preview lets it run; tasks in flight are kept unless the operator chooses otherwise.
 */
export function MigrateButton({
  definitionKey,
  fromVersion,
  toVersion,
  before,
  after,
}: {
  definitionKey: string;
  fromVersion: number;
  toVersion: number;
  before: unknown;
  after: unknown;
}) {
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  if (!can('operator') || fromVersion === toVersion) return null;
  return (
    <>
      <button type="button" className="button button--primary" data-testid="migrate-open" onClick={() => setOpen(true)}>
        Migrate instances to v{toVersion}…
      </button>
      {open && (
        <MigrateDialog
          definitionKey={definitionKey}
          fromVersion={fromVersion}
          toVersion={toVersion}
          removed={statesOf(before).filter((s) => !statesOf(after).includes(s))}
          targets={statesOf(after)}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function MigrateDialog({
  definitionKey,
  fromVersion,
  toVersion,
  removed,
  targets,
  onClose,
}: {
  definitionKey: string;
  fromVersion: number;
  toVersion: number;
  removed: string[];
  targets: string[];
  onClose(): void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [map, setMap] = useState<Record<string, string>>({});
  const [tasks, setTasks] = useState<MigrationTaskMode>('keep');
  const [asked, setAsked] = useState(false);
  const where = { definitionKey, definitionVersion: fromVersion };
  const action = {
    action: 'migrate' as const,
    toVersion,
    stateMap: Object.fromEntries(Object.entries(map).filter(([, to]) => to)),
    tasks,
  };
  const preview = useQuery(trpc.batches.preview.queryOptions({ where, action }, { enabled: asked }));
  const start = useMutation(trpc.batches.start.mutationOptions());
  const p = asked ? preview.data : undefined;
  const blocked = p?.groups.filter((g) => g.text.startsWith('needs a state mapping')) ?? [];
  return (
    <ActionDialog
      open
      onClose={onClose}
      title={`Migrate ${definitionKey} v${fromVersion} → v${toVersion}`}
      confirmLabel={
        p ? `Migrate ${p.groups.filter((g) => g.act).reduce((n, g) => n + g.count, 0)} instance(s)` : 'Migrate'
      }
      description="Each instance keeps its context and moves to the state of the same name; a state the new version removed must be mapped. Runs as a batch you can pause or abort."
      validate={() => (!p ? 'Preview the migration first.' : blocked.length ? 'Map every removed state first.' : null)}
      onConfirm={async (reason) => {
        const { batchId } = await start.mutateAsync({ where, action, reason, ratePerSecond: 20 });
        router.push(`/batches/${batchId}`);
      }}
    >
      {removed.length > 0 && <p className="field-label">Removed states: map each to a state of v{toVersion}</p>}
      {removed.map((state) => (
        <label key={state} className="field-label" style={{ display: 'block' }}>
          <code>{state}</code> →{' '}
          <select
            className="select"
            aria-label={`Map ${state}`}
            value={map[state] ?? ''}
            onChange={(e) => {
              setMap((m) => ({ ...m, [state]: e.target.value }));
              setAsked(false);
            }}
          >
            <option value="">(not mapped)</option>
            {targets.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      ))}
      <label className="field-label" htmlFor="migrate-tasks">
        Tasks in flight
      </label>
      <select
        id="migrate-tasks"
        className="input"
        value={tasks}
        onChange={(e) => {
          setTasks(e.target.value as MigrationTaskMode);
          setAsked(false);
        }}
      >
        <option value="keep">keep them (nothing is lost)</option>
        <option value="cancel">cancel them</option>
        <option value="recreate">cancel and re-create them (run again now)</option>
      </select>
      <button type="button" className="button" data-testid="migrate-preview" onClick={() => setAsked(true)}>
        Preview
      </button>
      {preview.error && asked && <p className="form-error">{describeError(preview.error).message}</p>}
      {p && (
        <div className="move-preview" data-testid="migrate-preview-result">
          <p>
            <b>{p.count}</b> instance(s) of v{fromVersion}
          </p>
          {p.groups.map((g) => (
            <p key={g.text} className={g.text.startsWith('needs') ? 'form-error' : g.act ? undefined : 'muted'}>
              {g.count} {g.text}
            </p>
          ))}
        </div>
      )}
    </ActionDialog>
  );
}
