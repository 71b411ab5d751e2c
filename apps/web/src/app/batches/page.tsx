import { BatchesPage } from '~/components/batches/batch-page';

export default function Page() {
  return <BatchesPage />;
}
