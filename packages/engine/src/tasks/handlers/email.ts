import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client';
import { parseTaskInput } from '../input';
import type { TaskHandler } from '../registry';
import type { JsonValue } from '../../json';

const emailInputSchema = z.object({
  to: z.union([z.string().min(3), z.array(z.string().min(3)).min(1)]),
  subject: z.string(),
  text: z.string().optional(),
  html: z.string().optional(),
  // Not the sender (that is the tenant's or the deployment's): a spec-supplied address becomes Reply-To.
  from: z.string().nullish(),
  cc: z.union([z.string(), z.array(z.string())]).optional(),
});

export interface EmailHandlerOptions {
  prisma: PrismaClient;
  /** SMTP connection URL; without one, messages are stored in MailMessage for an operator to read. */
  smtpUrl?: string;
  /** The deployment's sender (EMAIL_FROM), used when the tenant has not configured its own. */
  defaultFrom?: string;
  /** The tenant's configured sender, if any (Settings → Email sender). */
  tenantFrom: (tenantId: string) => Promise<string | null>;
}

function joinAddresses(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/**
 * EMAIL: sends through SMTP when configured, otherwise delivers locally into the MailMessage table.
 * The sender is the tenant's configured address or the deployment's, never the spec's: a spec that sets
 * `from` cannot impersonate anyone, its address becomes the Reply-To.
 */
export function createEmailHandler({
  prisma,
  smtpUrl,
  defaultFrom = 'switchyard@localhost',
  tenantFrom,
}: EmailHandlerOptions): TaskHandler {
  const transport = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (rawInput, context): Promise<JsonValue> => {
    const input = parseTaskInput(emailInputSchema, rawInput, 'EMAIL');
    const from = (await tenantFrom(context.tenantId)) ?? defaultFrom;
    const message = {
      from,
      ...(input.from ? { replyTo: input.from } : {}),
      to: input.to,
      cc: input.cc,
      subject: input.subject,
      text: input.text ?? (input.html ? undefined : ''),
      html: input.html,
    };
    const info = await transport.sendMail(message);
    if (smtpUrl) {
      return { delivery: 'smtp', messageId: info.messageId, from, accepted: (info.accepted ?? []).map(String) };
    }
    const raw = Buffer.isBuffer(info.message) ? info.message.toString('utf8') : String(info.message ?? '');
    const stored = await prisma.mailMessage.create({
      data: {
        tenantId: context.tenantId,
        // Mail sent outside a task (an invitation) has no task.
        taskId: context.taskId || null,
        from: message.from,
        to: joinAddresses(input.to),
        subject: input.subject,
        text: input.text ?? null,
        html: input.html ?? null,
        raw,
      },
    });
    return { delivery: 'local', messageId: info.messageId, mailId: stored.id, from, to: joinAddresses(input.to) };
  };
}
