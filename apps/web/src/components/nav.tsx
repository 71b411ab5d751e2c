'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const items = [
  { href: '/', label: 'Overview', icon: '◧' },
  { href: '/definitions', label: 'Definitions', icon: '◇' },
  { href: '/instances', label: 'Instances', icon: '≡' },
];

export function Nav() {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label="Main">
      <div className="nav__brand"><span className="nav__logo">S</span> Switchyard</div>
      <ul>
        {items.map((item) => {
          const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link href={item.href} className={active ? 'nav__link nav__link--active' : 'nav__link'} aria-current={active ? 'page' : undefined}>
                <span className="nav__icon" aria-hidden>{item.icon}</span>{item.label}
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="nav__footer">tenant <code>demo</code></div>
    </nav>
  );
}
