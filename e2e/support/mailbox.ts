import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { e2eEnv } from '../../playwright.config';

const run = promisify(execFile);

/**
 * The invitation link mailed to an address: without SMTP_URL the console stores outgoing mail in MailMessage,
 * which is this test's mailbox. (Production hides the link from the admin, and the e2e console runs as production.)
 */
export async function invitationLinkFor(email: string): Promise<string> {
  if (!/^[\w.+-]+@[\w.-]+$/.test(email)) throw new Error(`not a plain address: ${email}`);
  const { stdout } = await run('psql', [
    e2eEnv.DATABASE_URL,
    '-tAc',
    `SELECT text FROM "MailMessage" WHERE "to" = '${email}' ORDER BY "createdAt" DESC LIMIT 1`,
  ]);
  const link = /https?:\/\/\S+\/invite\/inv_[\w-]+/.exec(stdout)?.[0];
  if (!link) throw new Error(`no invitation mail for ${email}: ${stdout.slice(0, 200)}`);
  return link;
}
