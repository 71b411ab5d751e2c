import { BatchPage } from '~/components/batches/batch-page';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <BatchPage batchId={id} />;
}
