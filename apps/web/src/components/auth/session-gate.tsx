'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { useTRPC } from '~/trpc/react';
import { SessionContext } from './session-context';

function isUnauthorized(error: unknown): boolean {
  return (error as { data?: { code?: string } } | null)?.data?.code === 'UNAUTHORIZED';
}

/** Renders the console only for a signed-in person; anyone else goes to the sign-in page and comes back after. */
export function SessionGate({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const me = useQuery({ ...trpc.me.get.queryOptions(), retry: false, staleTime: 30_000 });
  const unauthorized = me.isError && isUnauthorized(me.error);

  useEffect(() => {
    if (unauthorized) router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [unauthorized, router, pathname]);

  if (me.isPending || unauthorized)
    return (
      <div className="main">
        <Skeleton rows={6} />
      </div>
    );
  if (me.isError)
    return (
      <div className="main">
        <ErrorBox error={me.error} title="Could not load your session" />
      </div>
    );
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}
