'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { authClient } from '~/lib/auth-client';
import { formText } from '~/lib/form';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';

const TENANT_COOKIE = 'switchyard-tenant';

/** Lands in the tenant the invitation was for (a full load drops anything cached from before). */
function enterTenant(tenantId: string) {
  document.cookie = `${TENANT_COOKIE}=${encodeURIComponent(tenantId)}; path=/; samesite=lax; max-age=31536000`;
  window.location.assign('/');
}

function Card({ children }: { children: ReactNode }) {
  return (
    <div className="sign-in">
      <div className="sign-in__card">
        <div className="nav__brand sign-in__brand">
          <span className="nav__logo">S</span> Switchyard
        </div>
        {children}
      </div>
    </div>
  );
}

/**
 * The page an invitation link opens: a new person sets a name and password; someone with an account signs in
 * as the invited address and accepts. The server decides everything; this page only explains.
 */
export function AcceptInvitation({ token }: { token: string }) {
  const trpc = useTRPC();
  const preview = useQuery({ ...trpc.invitations.preview.queryOptions({ token }), retry: false });
  const me = useQuery({ ...trpc.me.get.queryOptions(), retry: false });
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  if (preview.isPending || me.isPending)
    return (
      <Card>
        <Skeleton rows={4} />
      </Card>
    );
  if (preview.isError)
    return (
      <Card>
        <h1>Invitation</h1>
        <ErrorBox error={preview.error} title="This link cannot be used" />
      </Card>
    );

  const invite = preview.data;
  const signedInAs = me.data?.kind === 'user' ? me.data.id : null;
  const offer = (
    <p className="muted">
      <strong>{invite.email}</strong> is invited to <strong>{invite.tenantName}</strong> as{' '}
      <strong data-testid="invited-role">{invite.role}</strong>.
    </p>
  );

  if (signedInAs && signedInAs.toLowerCase() !== invite.email) {
    const signOut = async () => {
      await authClient.signOut();
      window.location.reload();
    };
    return (
      <Card>
        <h1>Invitation</h1>
        {offer}
        <p className="form-error" role="alert">
          You are signed in as {signedInAs}. Sign out, then open this link again.
        </p>
        <button type="button" className="button sign-in__submit" onClick={signOut}>
          Sign out
        </button>
      </Card>
    );
  }

  if (signedInAs) {
    const join = async () => {
      setError(null);
      try {
        const joined = await accept.mutateAsync({ token });
        enterTenant(joined.tenantId);
      } catch (e) {
        setError(describeError(e).message);
      }
    };
    return (
      <Card>
        <h1>Join {invite.tenantName}</h1>
        {offer}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button
          type="button"
          className="button button--primary sign-in__submit"
          disabled={accept.isPending}
          onClick={join}
        >
          Accept invitation
        </button>
      </Card>
    );
  }

  if (invite.accountExists) {
    return (
      <Card>
        <h1>Join {invite.tenantName}</h1>
        {offer}
        <p>An account for this address exists: sign in with it, and you will come back here to accept.</p>
        <a
          className="button button--primary sign-in__submit"
          href={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`}
        >
          Sign in to accept
        </a>
      </Card>
    );
  }

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = formText(form, 'password');
    setError(null);
    if (password !== formText(form, 'confirm')) {
      setError('The two passwords differ');
      return;
    }
    try {
      const joined = await accept.mutateAsync({ token, name: formText(form, 'name'), password });
      const signedIn = await authClient.signIn.email({ email: joined.email, password });
      if (signedIn.error) {
        window.location.assign('/sign-in');
        return;
      }
      enterTenant(joined.tenantId);
    } catch (caught) {
      setError(describeError(caught).message);
    }
  };

  return (
    <div className="sign-in">
      <form className="sign-in__card" onSubmit={submit}>
        <div className="nav__brand sign-in__brand">
          <span className="nav__logo">S</span> Switchyard
        </div>
        <h1>Join {invite.tenantName}</h1>
        {offer}
        <label className="field-label" htmlFor="name">
          Your name
        </label>
        <input id="name" name="name" className="input" autoComplete="name" required maxLength={100} autoFocus />
        <label className="field-label" htmlFor="password">
          Choose a password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          className="input"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={128}
        />
        <label className="field-label" htmlFor="confirm">
          Repeat the password
        </label>
        <input
          id="confirm"
          name="confirm"
          type="password"
          className="input"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={128}
        />
        <p className="muted sign-in__hint">
          At least 10 characters. The link works once and expires{' '}
          <time dateTime={invite.expiresAt}>{new Date(invite.expiresAt).toLocaleString()}</time>.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary sign-in__submit" disabled={accept.isPending}>
          {accept.isPending ? 'Creating your account…' : 'Create account and join'}
        </button>
      </form>
    </div>
  );
}
