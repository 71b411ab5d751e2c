'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '~/trpc/react';

/** After an operator action: refetch the instance, its timeline and the lists that show it. */
export function useRefreshInstance(instanceId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ instanceId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.instances.timeline.queryKey({ instanceId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.instances.list.queryKey() }),
    ]);
  }, [queryClient, trpc, instanceId]);
}
