'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSession } from '~/components/auth/session-context';
import { TenantSwitcher } from '~/components/auth/tenant-switcher';
import { PendingCount } from '~/components/decisions/pending-count';

const items = [
  { href: '/', label: 'Overview', icon: '◧', role: 'viewer' },
  { href: '/definitions', label: 'Definitions', icon: '◇', role: 'viewer' },
  { href: '/instances', label: 'Instances', icon: '≡', role: 'viewer' },
  { href: '/inbox', label: 'Inbox', icon: '◈', role: 'viewer' },
  { href: '/dead-letters', label: 'Dead letters', icon: '⊘', role: 'viewer' },
  { href: '/incidents', label: 'Incidents', icon: '⚠', role: 'viewer' },
  { href: '/batches', label: 'Batches', icon: '▤', role: 'viewer' },
  { href: '/audit', label: 'Audit', icon: '⌕', role: 'operator' },
  { href: '/api-docs', label: 'API', icon: '{}', role: 'viewer' },
  { href: '/webhooks', label: 'Webhooks', icon: '⇄', role: 'admin' },
  { href: '/alerts', label: 'Alerts', icon: '⚑', role: 'admin' },
  { href: '/settings', label: 'Settings', icon: '⊕', role: 'admin' },
] as const;

export function Nav() {
  const pathname = usePathname();
  const { can } = useSession();
  return (
    <nav className="nav" aria-label="Main">
      <div className="nav__brand">
        <span className="nav__logo">S</span> Switchyard
      </div>
      <ul>
        {items
          .filter((item) => can(item.role))
          .map((item) => {
            const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className={active ? 'nav__link nav__link--active' : 'nav__link'}
                  aria-current={active ? 'page' : undefined}
                >
                  <span className="nav__icon" aria-hidden>
                    {item.icon}
                  </span>
                  {item.label}
                  {item.href === '/inbox' && <PendingCount />}
                </Link>
              </li>
            );
          })}
      </ul>
      <div className="nav__footer">
        <TenantSwitcher />
      </div>
    </nav>
  );
}
