import { RequiresRole } from '~/components/auth/requires-role';
import { AlertRulesPanel } from '~/components/hooks/alert-rules-panel';

export default function AlertsPage() {
  return (
    <RequiresRole
      role="admin"
      what="Alert rules and their deliveries"
      back={{ href: '/', label: 'Back to the overview' }}
    >
      <div className="page-header">
        <h1>Alerts</h1>
      </div>
      <div className="grid">
        <AlertRulesPanel />
      </div>
    </RequiresRole>
  );
}
