import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Dialog } from '../../components/dialog';
import { useClinic } from '../../lib/clinic-config';
import { formatInstantDay, formatTime } from '../../lib/time';
import type { Token } from '../../services/admin-api';
import { useRevokeToken, useTokens } from './use-tokens';

function when(iso: string | null, timezone: string, never: string): string {
  return iso ? `${formatInstantDay(iso, timezone)} ${formatTime(iso, timezone)}` : never;
}

function state(token: Token, now: number): string {
  if (token.revokedAt) return 'Revoked';
  return Date.parse(token.expiresAt) <= now ? 'Expired' : 'Active';
}

export function TokenList() {
  const { timezone } = useClinic();
  const tokens = useTokens();
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [notice, setNotice] = useState('');
  const now = Date.now();

  return (
    <>
      <p role="status" className="form-status">
        {notice}
      </p>
      {tokens.isPending && <p className="muted">Loading tokens…</p>}
      {tokens.isError && <ErrorAlert title="The tokens could not be loaded." error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.data && tokens.data.items.length === 0 && <p className="empty">No tokens yet.</p>}
      {tokens.data && tokens.data.items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Tokens list" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.items.map((token) => (
                <tr key={token.id} className={state(token, now) === 'Active' ? undefined : 'row-cancelled'}>
                  <td>{token.name}</td>
                  <td>{token.role}</td>
                  <td className="nowrap">{when(token.createdAt, timezone, '—')}</td>
                  <td className="nowrap">{when(token.expiresAt, timezone, '—')}</td>
                  <td className="nowrap">{when(token.lastUsedAt, timezone, 'Never')}</td>
                  <td>{state(token, now)}</td>
                  <td>
                    {!token.revokedAt && (
                      <button
                        type="button"
                        className="button-danger"
                        onClick={() => setRevoking(token)}
                        aria-label={`Revoke ${token.name}`}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RevokeDialog
        token={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(token) => {
          setRevoking(null);
          setNotice(`Revoked “${token.name}”. Requests with it are refused from now on.`);
        }}
      />
    </>
  );
}

function RevokeDialog({ token, onClose, onRevoked }: { token: Token | null; onClose: () => void; onRevoked: (token: Token) => void }) {
  const revoke = useRevokeToken();
  return (
    <Dialog
      open={token !== null}
      title="Revoke this token?"
      onClose={() => {
        revoke.reset();
        onClose();
      }}
    >
      {token && (
        <>
          <p>
            “{token.name}” ({token.role}) stops working at once. Whatever uses it must get a new token. This cannot be undone.
          </p>
          {revoke.isError && <ErrorAlert title="The token was not revoked." error={revoke.error} />}
          <div className="dialog-actions">
            <button
              type="button"
              className="button-danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(token.id, { onSuccess: () => onRevoked(token) })}
            >
              Revoke token
            </button>
            <button type="button" className="button-secondary" onClick={onClose} data-autofocus>
              Keep token
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
