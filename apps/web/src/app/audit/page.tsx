import { AuditPage } from '~/components/access/audit-page';

export default function Page() {
  return <AuditPage />;
}
