'use client';

import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { SessionGate } from '~/components/auth/session-gate';
import { Nav } from '~/components/nav';

/** The console frame (navigation + a signed-in session); the sign-in page stands alone. */
export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  if (pathname.startsWith('/sign-in') || pathname.startsWith('/invite/')) return <>{children}</>;
  return (
    <SessionGate>
      <div className="shell">
        <Nav />
        <main className="main">{children}</main>
      </div>
    </SessionGate>
  );
}
