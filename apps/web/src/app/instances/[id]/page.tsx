import { Suspense } from 'react';
import { Skeleton } from '~/components/feedback';
import { InstanceDetail } from '~/components/instance/instance-detail';

export default async function InstancePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<Skeleton rows={10} height={24} />}>
      <InstanceDetail instanceId={id} />
    </Suspense>
  );
}
