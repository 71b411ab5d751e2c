import { Suspense } from 'react';
import { Skeleton } from '~/components/feedback';
import { IncidentsPage } from '~/components/incidents/incidents-page';

export default function Page() {
  return (
    <Suspense fallback={<Skeleton rows={8} />}>
      <IncidentsPage />
    </Suspense>
  );
}
