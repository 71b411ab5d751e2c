import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '~/components/app-shell';
import { Providers } from '~/trpc/react';
import './global.css';
import './graph.css';

export const metadata: Metadata = {
  title: 'Switchyard console',
  description: 'Watch and steer long-running workflows',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppShell>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
