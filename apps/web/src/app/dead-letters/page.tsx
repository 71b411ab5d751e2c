import { DeadLettersPage } from '~/components/dead-letters/dead-letters-page';

export default function Page() {
  return <DeadLettersPage />;
}
