'use client';

import { createContext, useContext } from 'react';
import type { Role } from '@switchyard/engine/roles';

export interface Session {
  kind: 'user' | 'token';
  id: string;
  name: string;
  tenants: { tenantId: string; name: string; role: Role }[];
  current: { tenantId: string; name: string; role: Role } | null;
}

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export const SessionContext = createContext<Session | null>(null);

/** The signed-in person and a role check. The server decides; this only hides what would be refused. */
export function useSession(): { session: Session; can(required: Role): boolean } {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionGate>');
  const role = session.current?.role;
  return { session, can: (required) => role !== undefined && rank[role] >= rank[required] };
}
