'use client';

import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { authClient } from '~/lib/auth-client';
import { formText } from '~/lib/form';

/** Email + password sign-in. The session lives in an http-only cookie set by the server. */
export function SignInForm() {
  const next = useSearchParams().get('next') ?? '/';
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const result = await authClient.signIn.email({
      email: formText(form, 'email'),
      password: formText(form, 'password'),
    });
    setPending(false);
    if (result.error) {
      setError(result.error.message ?? 'Sign-in failed');
      return;
    }
    // Only same-origin paths: never bounce a signed-in person to another site.
    window.location.assign(next.startsWith('/') && !next.startsWith('//') ? next : '/');
  };

  return (
    <div className="sign-in">
      <form className="sign-in__card" onSubmit={submit}>
        <div className="nav__brand sign-in__brand">
          <span className="nav__logo">S</span> Switchyard
        </div>
        <h1>Sign in</h1>
        <label className="field-label" htmlFor="email">
          Email
        </label>
        <input id="email" name="email" type="email" className="input" autoComplete="username" required autoFocus />
        <label className="field-label" htmlFor="password">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          className="input"
          autoComplete="current-password"
          required
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary sign-in__submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted sign-in__hint">
          Development accounts are printed by <code>pnpm switchyard seed</code>.
        </p>
      </form>
    </div>
  );
}
