import type { Role } from '../contracts/roles';
import type { EngineDeps } from '../deps/engine-deps';
import { loadTenantTaskSettings } from '../store/tenant-settings';

export interface InvitationMail {
  tenantId: string;
  tenantName: string;
  to: string;
  role: Role;
  link: string;
  expiresAt: Date;
  invitedBy: string;
}

/**
 * Sends the invitation link through the EMAIL task's delivery path: SMTP when `smtpUrl` is set, otherwise the
 * message is stored in MailMessage (no task id) for a development operator to read. The sender is the tenant's
 * (Settings) or the deployment's EMAIL_FROM, like any EMAIL task of the tenant.
 */
export async function sendInvitationEmail(
  deps: EngineDeps,
  mail: InvitationMail,
  options: { smtpUrl?: string; emailFrom?: string } = {},
): Promise<void> {
  // Loaded when an invitation is sent: nodemailer is large, and most processes that hold the service never mail.
  const { createEmailHandler } = await import('../tasks/handlers/email');
  const send = createEmailHandler({
    prisma: deps.prisma,
    ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}),
    ...(options.emailFrom ? { defaultFrom: options.emailFrom } : {}),
    tenantFrom: async (tenantId) => (await loadTenantTaskSettings(deps.prisma, tenantId)).emailFrom,
  });
  const text = [
    `${mail.invitedBy} invited you to ${mail.tenantName} on Switchyard as ${mail.role}.`,
    '',
    `Accept and set your password: ${mail.link}`,
    '',
    `The link works once and expires ${mail.expiresAt.toISOString()}. If you did not expect it, ignore this message.`,
  ].join('\n');
  await send(
    { to: mail.to, subject: `You are invited to ${mail.tenantName} on Switchyard`, text },
    {
      tenantId: mail.tenantId,
      taskId: '',
      instanceId: '',
      attempt: 1,
      name: 'invitation',
      signal: new AbortController().signal,
      logger: deps.logger,
    },
  );
}
