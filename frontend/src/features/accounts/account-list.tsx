import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { useClinic } from '../../lib/clinic-config';
import { formatInstantDay, formatTime } from '../../lib/time';
import type { Account } from '../../services/admin-api';
import { useSession } from '../auth/session';
import { useDoctors } from '../doctors/use-doctors';
import { ResetPasswordDialog } from './reset-password-dialog';
import { useAccounts, useUpdateAccount } from './use-accounts';

const PAGE_SIZE = 50;

export function AccountList() {
  const { timezone } = useClinic();
  const { me } = useSession();
  const [offset, setOffset] = useState(0);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [notice, setNotice] = useState('');
  const accounts = useAccounts(PAGE_SIZE, offset);
  const doctors = useDoctors();
  const update = useUpdateAccount();
  const doctorName = (id: string | null) => (id ? (doctors.data?.items.find((d) => d.id === id)?.name ?? id) : '—');
  const page = accounts.data;

  function toggle(account: Account) {
    setNotice('');
    update.mutate(
      { id: account.id, changes: { disabled: !account.disabled } },
      { onSuccess: (saved) => setNotice(saved.disabled ? `Disabled ${saved.name}; their sessions are ended.` : `Enabled ${saved.name}.`) },
    );
  }

  return (
    <>
      <p role="status" className="form-status">
        {notice}
      </p>
      {update.isError && <ErrorAlert title="The account was not changed." error={update.error} />}
      {accounts.isPending && <p className="muted">Loading accounts…</p>}
      {accounts.isError && (
        <ErrorAlert title="The accounts could not be loaded." error={accounts.error} onRetry={() => void accounts.refetch()} />
      )}
      {page && (
        <div className="table-wrap" role="region" aria-label="Accounts list" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Linked doctor</th>
                <th scope="col">Two-step</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((account) => (
                <tr key={account.id} className={account.disabled ? 'row-cancelled' : undefined}>
                  <td>{account.name}</td>
                  <td>{account.email}</td>
                  <td>{account.role}</td>
                  <td>{doctorName(account.doctorId)}</td>
                  <td>{account.totpEnabled ? 'On' : 'Off'}</td>
                  <td className="nowrap">
                    {account.lastLoginAt
                      ? `${formatInstantDay(account.lastLoginAt, timezone)} ${formatTime(account.lastLoginAt, timezone)}`
                      : 'Never'}
                  </td>
                  <td>{account.disabled ? 'Disabled' : 'Active'}</td>
                  <td>
                    <div className="row-actions">
                      {account.id !== me.id && (
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() => toggle(account)}
                          disabled={update.isPending}
                          aria-label={`${account.disabled ? 'Enable' : 'Disable'} ${account.name}`}
                        >
                          {account.disabled ? 'Enable' : 'Disable'}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button-secondary"
                        onClick={() => setResetting(account)}
                        aria-label={`Reset password of ${account.name}`}
                      >
                        Reset password
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.total > PAGE_SIZE && (
        <div className="pager">
          <button
            type="button"
            className="button-secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            Previous page
          </button>
          <p>
            {offset + 1}–{offset + page.items.length} of {page.total}
          </p>
          <button
            type="button"
            className="button-secondary"
            disabled={offset + PAGE_SIZE >= page.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            Next page
          </button>
        </div>
      )}
      <ResetPasswordDialog
        account={resetting}
        onClose={() => setResetting(null)}
        onDone={(account) => {
          setResetting(null);
          setNotice(`New password set for ${account.name}; their sessions are ended.`);
        }}
      />
    </>
  );
}
