import type { DemoAccount } from '../../services/api';

/** The demo clinic's accounts, listed only when the server loaded the demo data. */
export function DemoAccounts({ accounts, onPick }: { accounts: DemoAccount[]; onPick: (account: DemoAccount) => void }) {
  return (
    <section aria-labelledby="demo-accounts-heading" className="card">
      <h2 id="demo-accounts-heading">Demo accounts</h2>
      <p className="muted">This server runs the demo clinic. These accounts exist for trying it out only.</p>
      <div className="table-wrap" role="region" aria-label="Demo accounts list" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Email</th>
              <th scope="col">Password</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.email}>
                <td>{account.role}</td>
                <td>{account.email}</td>
                <td>
                  <code>{account.password}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => onPick(account)}
                    aria-label={`Fill in ${account.role} account`}
                  >
                    Fill in
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
