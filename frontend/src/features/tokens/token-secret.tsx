import { useEffect, useRef, useState } from 'react';
import type { CreatedToken } from '../../services/admin-api';

/** The new token's secret, shown this once, with a copy button; Done forgets it for good. */
export function TokenSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const [copied, setCopied] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.secret);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Copying is blocked here: select the token and copy it by hand.');
    }
  }

  return (
    <section aria-labelledby="token-secret-heading" className="secret-box">
      <h3 id="token-secret-heading" ref={headingRef} tabIndex={-1}>
        Token “{token.name}” created
      </h3>
      <p>
        <strong>Copy it now: you will not see it again.</strong> Only a hash is kept, so a lost token cannot be shown; revoke it and create
        a new one.
      </p>
      <label htmlFor="token-secret-value">Token ({token.role})</label>
      <input id="token-secret-value" className="secret-value" readOnly value={token.secret} onFocus={(e) => e.target.select()} />
      <div className="form-actions">
        <button type="button" onClick={() => void copy()}>
          Copy token
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          I have saved it
        </button>
        <p role="status" className="form-status">
          {copied}
        </p>
      </div>
    </section>
  );
}
