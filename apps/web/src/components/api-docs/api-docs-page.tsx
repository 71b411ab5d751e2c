'use client';

import dynamic from 'next/dynamic';
import { Skeleton } from '~/components/feedback';

// Scalar renders in the browser only (it reads the window and keeps its state there); its code loads with the page.
const ApiReference = dynamic(() => import('./api-reference').then((m) => m.ApiReference), {
  ssr: false,
  loading: () => <Skeleton rows={8} />,
});

export function ApiDocsPage() {
  return (
    <>
      <p className="api-docs__intro">
        The HTTP API at <code>/api/v1</code>: what programs call to start instances, send events and read timelines.
        Send a request from any operation with an API token (an admin creates one under{' '}
        <a href="/settings">Settings → Members &amp; tokens</a>) pasted as the Bearer token; the token acts with its own
        role in its tenant. The machine-readable document is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
      <ApiReference />
    </>
  );
}
