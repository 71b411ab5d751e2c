import { RequiresRole } from '~/components/auth/requires-role';
import { EndpointsPanel } from '~/components/hooks/endpoints-panel';
import { SubscriptionsPanel } from '~/components/hooks/subscriptions-panel';

export default function WebhooksPage() {
  return (
    <RequiresRole
      role="admin"
      what="Webhooks (inbound endpoints, outbound subscriptions and their deliveries)"
      back={{ href: '/', label: 'Back to the overview' }}
    >
      <div className="page-header">
        <h1>Webhooks</h1>
      </div>
      <div className="grid">
        <EndpointsPanel />
        <SubscriptionsPanel />
      </div>
    </RequiresRole>
  );
}
