import { Suspense } from 'react';
import { Skeleton } from '~/components/feedback';
import { ComparePage } from '~/components/compare/compare-page';

export default function Page() {
  return (
    <Suspense fallback={<Skeleton rows={8} />}>
      <ComparePage />
    </Suspense>
  );
}
