import { Suspense } from 'react';
import { Skeleton } from '~/components/feedback';
import { InstancesPage } from '~/components/instances/instances-page';

export default function Page() {
  return (
    <Suspense fallback={<Skeleton rows={8} />}>
      <InstancesPage />
    </Suspense>
  );
}
