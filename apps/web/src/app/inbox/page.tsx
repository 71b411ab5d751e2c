import { Suspense } from 'react';
import { InboxPage } from '~/components/decisions/inbox-page';
import { Skeleton } from '~/components/feedback';

export default function Page() {
  return (
    <Suspense fallback={<Skeleton rows={6} />}>
      <InboxPage />
    </Suspense>
  );
}
