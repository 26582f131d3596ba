import { AccountForm } from './account-form';
import { AccountList } from './account-list';

export function AccountsPage() {
  return (
    <>
      <title>Accounts · Clinic desk</title>
      <h1>Accounts</h1>
      <section aria-labelledby="add-account-heading" className="card">
        <h2 id="add-account-heading">New account</h2>
        <AccountForm />
      </section>
      <section aria-labelledby="account-list-heading">
        <h2 id="account-list-heading">All accounts</h2>
        <AccountList />
      </section>
    </>
  );
}
