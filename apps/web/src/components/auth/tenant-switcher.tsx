'use client';

import { authClient } from '~/lib/auth-client';
import { useSession } from './session-context';

const TENANT_COOKIE = 'switchyard-tenant';

/** Picks the tenant the console acts in (a cookie the server reads on every request), and signs out. */
export function TenantSwitcher() {
  const { session } = useSession();
  const switchTo = (tenantId: string) => {
    document.cookie = `${TENANT_COOKIE}=${encodeURIComponent(tenantId)}; path=/; samesite=lax; max-age=31536000`;
    // A full reload drops every cached query of the previous tenant at once.
    window.location.assign('/');
  };
  const signOut = async () => {
    await authClient.signOut();
    window.location.assign('/sign-in');
  };
  return (
    <div className="tenant-switcher">
      <label className="tenant-switcher__label" htmlFor="tenant-select">
        tenant
      </label>
      {session.tenants.length > 1 ? (
        <select
          id="tenant-select"
          className="tenant-switcher__select"
          value={session.current?.tenantId ?? ''}
          onChange={(e) => switchTo(e.target.value)}
        >
          {session.tenants.map((t) => (
            <option key={t.tenantId} value={t.tenantId}>
              {t.name}
            </option>
          ))}
        </select>
      ) : (
        <code id="tenant-select">{session.current?.name ?? '—'}</code>
      )}
      <div className="tenant-switcher__who">
        <span title={session.id}>{session.name}</span>
        {session.current && (
          <span className="badge badge--grey" data-testid="my-role">
            {session.current.role}
          </span>
        )}
      </div>
      {session.kind === 'user' && (
        <button type="button" className="button button--small button--ghost tenant-switcher__out" onClick={signOut}>
          Sign out
        </button>
      )}
    </div>
  );
}
