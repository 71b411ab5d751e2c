'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';

export interface DraftActions {
  saving: boolean;
  savedAt: string | null;
  error: string | null;
  save(spec: Record<string, unknown>): Promise<boolean>;
  /** Saves then publishes; returns the new version, or an error message. */
  publish(spec: Record<string, unknown>, message: string): Promise<{ version: number } | { error: string }>;
  discard(): Promise<void>;
}

function keyOf(spec: Record<string, unknown>, fixedKey: string | null): string | null {
  if (fixedKey) return fixedKey;
  return typeof spec['id'] === 'string' && spec['id'].trim() ? spec['id'] : null;
}

/** Save / publish / discard of the draft, through the drafts router. */
export function useDraftActions(fixedKey: string | null, baseVersion: number | null): DraftActions {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saveMutation = useMutation(trpc.drafts.save.mutationOptions());
  const publishMutation = useMutation(trpc.drafts.publish.mutationOptions());
  const discardMutation = useMutation(trpc.drafts.discard.mutationOptions());
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async (spec: Record<string, unknown>) => {
    const key = keyOf(spec, fixedKey);
    if (!key) {
      setError('Give the workflow a key (Workflow settings → Key) before saving.');
      return false;
    }
    try {
      const draft = await saveMutation.mutateAsync({ key, baseVersion, spec });
      setSavedAt(draft.updatedAt);
      setError(null);
      await queryClient.invalidateQueries({ queryKey: trpc.drafts.get.queryKey({ key }) });
      return true;
    } catch (e) {
      setError(describeError(e).message);
      return false;
    }
  };

  const publish = async (spec: Record<string, unknown>, message: string) => {
    if (!(await save(spec))) return { error: error ?? 'could not save the draft' };
    try {
      const published = await publishMutation.mutateAsync({ key: keyOf(spec, fixedKey)!, message });
      await queryClient.invalidateQueries({ queryKey: trpc.definitions.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.drafts.pathKey() });
      return { version: published.version };
    } catch (e) {
      const { message: m, details } = describeError(e);
      return { error: details.length ? `${m}: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}` : m };
    }
  };

  const discard = async () => {
    const key = fixedKey;
    if (!key) return;
    await discardMutation.mutateAsync({ key });
    await queryClient.invalidateQueries({ queryKey: trpc.drafts.pathKey() });
  };

  return { saving: saveMutation.isPending, savedAt, error, save, publish, discard };
}
