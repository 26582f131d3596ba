import { TokenForm } from './token-form';
import { TokenList } from './token-list';

export function TokensPage() {
  return (
    <>
      <title>Tokens · Clinic desk</title>
      <h1>Integrator tokens</h1>
      <p>
        A token lets another system call the API as staff or admin, sent as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <section aria-labelledby="add-token-heading" className="card">
        <h2 id="add-token-heading">New token</h2>
        <TokenForm />
      </section>
      <section aria-labelledby="token-list-heading">
        <h2 id="token-list-heading">All tokens</h2>
        <TokenList />
      </section>
    </>
  );
}
