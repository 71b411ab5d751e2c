'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '~/trpc/react';

/** Subscribes to the instance over SSE and refetches its queries whenever its timeline grows. */
export function useLiveInstance(instanceId: string, enabled: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const subscription = useSubscription(
    trpc.instances.watch.subscriptionOptions(
      { instanceId },
      {
        enabled,
        onData: () => {
          void queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ instanceId }) });
          void queryClient.invalidateQueries({ queryKey: trpc.instances.timeline.queryKey({ instanceId }) });
        },
      },
    ),
  );
  return subscription.status;
}
