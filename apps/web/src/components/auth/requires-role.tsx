'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Role } from '@switchyard/engine/contracts';
import { useSession } from './session-context';

/**
 * Renders its children only for a caller holding `role`; anyone else reads what the page needs and where to go,
 * instead of a working form the server will refuse (or a query error) — the server still decides.
 */
export function RequiresRole({
  role,
  what,
  back,
  children,
}: {
  role: Role;
  what: string;
  back?: { href: string; label: string };
  children: ReactNode;
}) {
  const { session, can } = useSession();
  if (can(role)) return <>{children}</>;
  const current = session.current;
  return (
    <div className="read-only" role="status" data-testid="read-only">
      <h1>Read only</h1>
      <p>
        {what} needs the <b>{role}</b> role; you are <b>{current?.role ?? 'not a member'}</b>
        {current ? (
          <>
            {' '}
            in <code>{current.tenantId}</code>
          </>
        ) : null}
        . Ask an admin of the tenant if you need it.
      </p>
      {back && (
        <p>
          <Link href={back.href}>{back.label}</Link>
        </p>
      )}
    </div>
  );
}
