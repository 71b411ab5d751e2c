import { expect, test } from '@playwright/test';
import { unique } from './support';
import { invitationLinkFor } from './support/mailbox';
import { shot } from './support/shots';

test('an admin invites a person, who accepts through the link and signs in with the invited role', async ({
  page,
  browser,
}) => {
  const email = `${unique('invitee')}@example.test`;
  await page.goto('/settings');
  await page.getByLabel('Invite email').fill(email);
  await page.getByLabel('Invite role').selectOption('operator');
  await page.getByRole('button', { name: 'Invite' }).click();
  // The e2e console runs as production: the admin is told the mail went out, and never sees the link.
  await expect(page.getByRole('status').filter({ hasText: `Invitation emailed to ${email}` })).toBeVisible();
  await expect(page.getByTestId('invite-link')).toHaveCount(0);
  const link = await invitationLinkFor(email);
  await expect(page.getByRole('cell', { name: new RegExp(email) })).toBeVisible();
  await shot(page, 'invite-sent');

  // The invited person, in a browser with no session.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { name: /Join/ })).toBeVisible();
  await expect(invitee.getByTestId('invited-role')).toHaveText('operator');
  await invitee.getByLabel('Your name').fill('Ivy Invitee');
  await invitee.getByLabel('Choose a password').fill('ivy-password-123');
  await invitee.getByLabel('Repeat the password').fill('ivy-password-123');
  await shot(invitee, 'invite-accept');
  await invitee.getByRole('button', { name: 'Create account and join' }).click();
  await expect(invitee.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(invitee.getByTestId('my-role')).toHaveText('operator');
  await shot(invitee, 'invite-joined');

  // The link worked once.
  await invitee.goto(link);
  await expect(invitee.getByText(/invalid, was already used, or has expired/)).toBeVisible();

  // Signed out and back in with the new password: the role is still the invited one.
  await invitee.goto('/');
  await invitee.getByRole('button', { name: 'Sign out' }).click();
  await invitee.getByLabel('Email').fill(email);
  await invitee.getByLabel('Password').fill('ivy-password-123');
  await invitee.getByRole('button', { name: 'Sign in' }).click();
  await expect(invitee.getByTestId('my-role')).toHaveText('operator');
  await context.close();

  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: email }).filter({ hasText: 'accepted' })).toBeVisible();
});

test('sign-up is closed: the endpoint answers the same for a taken and a free address', async ({
  request,
  baseURL,
}) => {
  // Sent as the console's own page would (with its Origin), so the request reaches sign-up itself.
  const signUp = (email: string) =>
    request.post('/api/auth/sign-up/email', {
      data: { email, password: 'squatter-password', name: 'Squatter' },
      headers: { origin: baseURL! },
    });
  const taken = await signUp('admin@demo.test');
  const free = await signUp(`${unique('free')}@example.test`);
  expect([taken.status(), free.status()]).toEqual([400, 400]);
  expect(await taken.json()).toEqual(await free.json());
});
