import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { hasErrors, type FieldErrors } from '../../lib/form-errors';
import { ApiError, type DemoAccount } from '../../services/api';
import type { Me } from '../../services/auth-api';
import { DemoAccounts } from './demo-accounts';
import { useSignIn } from './use-sign-in';

function validate(email: string, password: string, totp: string, askTotp: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!email.trim()) errors.email = 'Enter your email address.';
  if (!password) errors.password = 'Enter your password.';
  if (askTotp && !/^\d{6}$/.test(totp.trim())) errors.totp = 'Enter the 6-digit code from your authenticator app.';
  return errors;
}

export function SignInForm({ demoAccounts, onSignedIn }: { demoAccounts?: DemoAccount[]; onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const totpRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const signIn = useSignIn();

  useEffect(() => {
    if (askTotp) totpRef.current?.focus();
  }, [askTotp]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate(email, password, totp, askTotp);
    setErrors(found);
    if (hasErrors(found)) return;
    const credentials = { email: email.trim(), password, ...(askTotp ? { totp: totp.trim() } : {}) };
    signIn.mutate(credentials, {
      onSuccess: onSignedIn,
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'TOTP_REQUIRED') setAskTotp(true);
      },
    });
  }

  function pick(account: DemoAccount) {
    setEmail(account.email);
    setPassword(account.password);
    setAskTotp(false);
    setTotp('');
    setErrors({});
    signIn.reset();
    emailRef.current?.focus();
  }

  const totpAsked = signIn.error instanceof ApiError && signIn.error.code === 'TOTP_REQUIRED';
  return (
    <>
      <form onSubmit={submit} noValidate className="form sign-in-form">
        <Field label="Email" error={errors.email}>
          {(p) => (
            <input
              {...p}
              ref={emailRef}
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Password" error={errors.password}>
          {(p) => (
            <input
              {...p}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {askTotp && (
          <Field label="Authentication code" hint="6 digits from your authenticator app" error={errors.totp}>
            {(p) => (
              <input
                {...p}
                ref={totpRef}
                name="totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={totp}
                onChange={(e) => setTotp(e.target.value)}
              />
            )}
          </Field>
        )}
        {signIn.isError && !totpAsked && <ErrorAlert title="You are not signed in." error={signIn.error} />}
        <FormActions
          submitLabel="Sign in"
          pending={signIn.isPending}
          pendingText="Signing in…"
          status={totpAsked ? 'Your account asks for a second step: enter the code from your authenticator app.' : ''}
        />
      </form>
      {demoAccounts && demoAccounts.length > 0 && <DemoAccounts accounts={demoAccounts} onPick={pick} />}
    </>
  );
}
