import { ApiTokensPanel } from '~/components/access/api-tokens-panel';
import { MembersPanel } from '~/components/access/members-panel';
import { RequiresRole } from '~/components/auth/requires-role';
import { TenantSettingsPanel } from '~/components/settings/tenant-settings-panel';
import { SecretsPanel } from '~/components/access/secrets-panel';
import { InvitationsPanel } from '~/components/invitations/invitations-panel';

export default function SettingsPage() {
  return (
    <RequiresRole
      role="admin"
      what="Settings (members, tokens, tenant limits)"
      back={{ href: '/', label: 'Back to the overview' }}
    >
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      <div className="grid">
        <MembersPanel />
        <InvitationsPanel />
        <ApiTokensPanel />
        <TenantSettingsPanel />
        <SecretsPanel />
      </div>
    </RequiresRole>
  );
}
