import { InboxPage } from '~/components/decisions/inbox-page';

export default function Page() {
  return <InboxPage />;
}
