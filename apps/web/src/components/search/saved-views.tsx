'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useSession } from '~/components/auth/session-context';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';
import { useSearchUrl } from './use-search-url';

/** Open a saved view, or save the current filters as one (personal; shared with the tenant from operator up). */
export function SavedViews() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { can } = useSession();
  const { queryString } = useSearchUrl();
  const views = useQuery(trpc.views.list.queryOptions());
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.views.list.queryKey() });
  const save = useMutation(
    trpc.views.save.mutationOptions({
      onSuccess: async () => {
        setSaving(false);
        setName('');
        setShared(false);
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.views.delete.mutationOptions({ onSuccess: refresh }));
  const current = views.data?.find((v) => v.query === queryString);

  return (
    <div className="saved-views">
      <select
        className="select"
        aria-label="Saved views"
        value={current?.id ?? ''}
        onChange={(e) => {
          const view = views.data?.find((v) => v.id === e.target.value);
          if (view) router.replace(view.query ? `/instances?${view.query}` : '/instances', { scroll: false });
        }}
      >
        <option value="">{views.data?.length ? 'Saved views…' : 'No saved views'}</option>
        {views.data?.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
            {v.shared ? ' (shared)' : ''}
          </option>
        ))}
      </select>
      {current && (current.mine || can('admin')) && (
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => remove.mutate({ viewId: current.id })}
          disabled={remove.isPending}
        >
          Delete view
        </button>
      )}
      {!saving ? (
        <button type="button" className="button button--small" onClick={() => setSaving(true)} disabled={!queryString}>
          Save view…
        </button>
      ) : (
        <form
          className="saved-views__form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ name, query: queryString, shared });
          }}
        >
          <input
            className="input"
            autoFocus
            placeholder="View name"
            aria-label="View name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            required
          />
          {can('operator') && (
            <label>
              <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> share with the
              tenant
            </label>
          )}
          <button type="submit" className="button button--small button--primary" disabled={save.isPending}>
            Save
          </button>
          <button type="button" className="button button--small button--ghost" onClick={() => setSaving(false)}>
            Cancel
          </button>
        </form>
      )}
      {(save.error ?? remove.error) && (
        <span className="form-error" role="alert">
          {describeError(save.error ?? remove.error).message}
        </span>
      )}
    </div>
  );
}
