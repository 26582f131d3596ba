import { useEffect, useRef, useState } from 'react';

/** A secret shown this once, with a copy button; Done forgets it for good. */
export function SecretOnce({
  id,
  title,
  label,
  secret,
  note,
  copyLabel,
  onDone,
}: {
  id: string;
  title: string;
  label: string;
  secret: string;
  note: string;
  copyLabel: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Copying is blocked here: select it and copy it by hand.');
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="secret-box">
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      <p>
        <strong>Copy it now: you will not see it again.</strong> {note}
      </p>
      <label htmlFor={`${id}-value`}>{label}</label>
      <input id={`${id}-value`} className="secret-value" readOnly value={secret} onFocus={(e) => e.target.select()} />
      <div className="form-actions">
        <button type="button" onClick={() => void copy()}>
          {copyLabel}
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
