import { ApiTokensPanel } from '~/components/access/api-tokens-panel';
import { MembersPanel } from '~/components/access/members-panel';

export default function SettingsPage() {
  return (
    <>
      <div className="page-header"><h1>Members &amp; tokens</h1></div>
      <div className="grid">
        <MembersPanel />
        <ApiTokensPanel />
      </div>
    </>
  );
}
