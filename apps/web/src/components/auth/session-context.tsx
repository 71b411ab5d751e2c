'use client';

import { createContext, useContext } from 'react';
import { roleAllows, type Role } from '@switchyard/engine/contracts';

export interface Session {
  kind: 'user' | 'token';
  id: string;
  name: string;
  tenants: { tenantId: string; name: string; role: Role }[];
  current: { tenantId: string; name: string; role: Role } | null;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in person and a role check. The server decides; this only hides what would be refused. */
export function useSession(): { session: Session; can(required: Role): boolean } {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionGate>');
  const role = session.current?.role;
  return { session, can: (required) => role !== undefined && roleAllows(role, required) };
}
