'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { useTRPC } from '~/trpc/react';

/**
 * After an operator action: refetch the instance, its timeline and the lists that show it. An action taken while
 * the instance page replays the past (`?seq=`) returns it to the live view, so the operator sees its outcome
 * instead of a frozen graph under a header that already moved on.
 */
export function useRefreshInstance(instanceId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(async () => {
    const url = new URL(window.location.href);
    if (url.pathname === `/instances/${instanceId}` && url.searchParams.has('seq'))
      router.replace(url.pathname, { scroll: false });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ instanceId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.instances.timeline.queryKey({ instanceId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.instances.list.queryKey() }),
    ]);
  }, [queryClient, trpc, instanceId, router]);
}
