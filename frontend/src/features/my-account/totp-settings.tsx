import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import type { Me } from '../../services/auth-api';
import { useDisableTotp, useEnableTotp, useTotpSetup } from './use-my-account';

/** Two-step sign-in: set up with a QR code (or the URI), confirmed by one code before it counts. */
export function TotpSettings({ me }: { me: Me }) {
  const [status, setStatus] = useState('');
  return (
    <>
      <p role="status" className="form-status">
        {status}
      </p>
      {me.totpEnabled ? (
        <TurnOff onDone={() => setStatus('Two-step sign-in is off.')} />
      ) : (
        <SetUp onDone={() => setStatus('Two-step sign-in is on. From now on, sign-in also asks for a code.')} />
      )}
    </>
  );
}

function SetUp({ onDone }: { onDone: () => void }) {
  const setup = useTotpSetup();
  const enable = useEnableTotp();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  function confirm(event: FormEvent) {
    event.preventDefault();
    const found = /^\d{6}$/.test(code.trim()) ? undefined : 'Enter the 6-digit code your app shows now.';
    setProblem(found);
    if (!found) enable.mutate(code.trim(), { onSuccess: onDone });
  }

  if (!setup.data) {
    return (
      <>
        <p>Off. With it on, signing in needs your password and a code from an authenticator app on your phone.</p>
        <button type="button" onClick={() => setup.mutate()} disabled={setup.isPending}>
          Set up two-step sign-in
        </button>
        {setup.isError && <ErrorAlert title="Set-up could not start." error={setup.error} />}
      </>
    );
  }
  return (
    <form onSubmit={confirm} noValidate className="form">
      <ol className="steps">
        <li>
          <p>Scan this code with your authenticator app:</p>
          <img
            src={setup.data.qrDataUrl}
            alt="QR code to add this account to an authenticator app"
            width={200}
            height={200}
            className="qr"
          />
        </li>
        <li>
          <label htmlFor="otpauth-uri">Or, if you cannot scan, add this address to the app by hand</label>
          <input id="otpauth-uri" className="secret-value" readOnly value={setup.data.otpauthUri} onFocus={(e) => e.target.select()} />
        </li>
        <li>
          <Field label="Code from the app" hint="6 digits; it changes every 30 seconds" error={problem}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            )}
          </Field>
        </li>
      </ol>
      {enable.isError && <ErrorAlert title="Two-step sign-in is not on yet." error={enable.error} />}
      <div className="form-actions">
        <button type="submit" disabled={enable.isPending}>
          Turn on
        </button>
      </div>
    </form>
  );
}

function TurnOff({ onDone }: { onDone: () => void }) {
  const disable = useDisableTotp();
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    disable.mutate(password, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <p>On: signing in asks for a code from your authenticator app.</p>
      <Field label="Your password" hint="Needed to turn two-step sign-in off">
        {(p) => (
          <input {...p} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        )}
      </Field>
      {disable.isError && <ErrorAlert title="Two-step sign-in is still on." error={disable.error} />}
      <div className="form-actions">
        <button type="submit" className="button-danger" disabled={disable.isPending || !password}>
          Turn off
        </button>
      </div>
    </form>
  );
}
