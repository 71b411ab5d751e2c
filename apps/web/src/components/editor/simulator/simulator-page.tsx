'use client';

import { validateSpec } from '@switchyard/engine/spec';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { useTRPC } from '~/trpc/react';
import { useSpecChecks } from '../use-spec-checks';
import { SimulatorView } from './simulator-view';

/** Loads the draft or a version, refuses an invalid spec with its problems, then simulates it. */
export function SimulatorPage({ definitionKey, version }: { definitionKey: string; version: number | 'draft' | null }) {
  const trpc = useTRPC();
  const isDraft = version === 'draft';
  const draft = useQuery({ ...trpc.drafts.get.queryOptions({ key: definitionKey }), enabled: isDraft });
  const definition = useQuery({
    ...trpc.definitions.get.queryOptions({ key: definitionKey, ...(typeof version === 'number' ? { version } : {}) }),
    enabled: !isDraft,
  });
  const source = isDraft ? draft : definition;
  const raw = isDraft ? draft.data?.spec : definition.data?.spec;
  const label = isDraft ? 'draft' : definition.data ? `v${definition.data.version}` : '';
  const { checks, error: checksError } = useSpecChecks();
  const validation = raw === undefined || !checks ? null : validateSpec(raw, checks);

  return (
    <>
      <div className="breadcrumbs">
        <Link href="/definitions">Definitions</Link> /{' '}
        <Link href={`/definitions/${encodeURIComponent(definitionKey)}`}>{definitionKey}</Link> /
      </div>
      <div className="page-header">
        <h1>
          Simulate <code style={{ fontSize: 17 }}>{definitionKey}</code>
        </h1>
        <div className="page-header__meta">
          <span className="chip">{label}</span>
          <span className="muted">dry run in your browser — nothing is stored, no task runs</span>
        </div>
        <div className="page-header__actions">
          <Link className="button" href={`/definitions/${encodeURIComponent(definitionKey)}/edit`}>
            Edit
          </Link>
        </div>
      </div>
      {source.error ? (
        <ErrorBox error={source.error} />
      ) : checksError ? (
        <ErrorBox error={checksError} title="Could not load the task types" />
      ) : isDraft && draft.isSuccess && !draft.data ? (
        <ErrorBox error={new Error('there is no draft; save one in the editor first')} title="No draft" />
      ) : !validation ? (
        <Skeleton rows={1} height={420} />
      ) : !validation.ok ? (
        <ErrorBox
          error={{
            message: 'The spec is invalid; fix it in the editor before simulating.',
            data: { details: validation.problems },
          }}
        />
      ) : (
        <SimulatorView key={label} spec={validation.spec} />
      )}
    </>
  );
}
