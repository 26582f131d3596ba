/** What libpq would do with a connection URL: which hosts to try, and what a usable one must be. */
export type PostgresTarget = {
  /** One single-host URL per listed host, in the listed order. */
  urls: string[];
  /** Only a server that accepts writes will do (libpq's target_session_attrs=read-write). */
  writable: boolean;
};

const DEFAULT_PORT = '5432';
const WRITABLE_ATTRS = new Set(['read-write', 'primary']);

/**
 * Splits libpq's multi-host form, `postgres://u@h1:5433,h2:5434/db?target_session_attrs=read-write`,
 * into single-host URLs, which node-postgres understands. `host` and `port` given as query
 * parameters (comma-separated, libpq's other spelling) are read too; a host without a port gets
 * the one port given for all, else 5432.
 */
export function parsePostgresUrl(url: string): PostgresTarget {
  const match = /^(postgres(?:ql)?:\/\/)(?:([^@/?#]*)@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?$/.exec(url);
  if (!match) throw new Error('DATABASE_URL is not a postgres:// URL');
  const [, scheme, userInfo, hostList, path, search] = match as unknown as [string, string, string | undefined, string, string, string?];
  const params = new URLSearchParams(search ?? '');
  const attrs = params.get('target_session_attrs') ?? 'any';
  const queryHosts = params.get('host')?.split(',') ?? [];
  const queryPorts = params.get('port')?.split(',') ?? [];
  // node-postgres would take these as its own settings for every host; each URL names its one host.
  for (const name of ['target_session_attrs', 'host', 'port']) params.delete(name);

  const entries = hostList ? hostList.split(',') : queryHosts.length > 0 ? queryHosts : ['localhost'];
  const query = params.toString();
  const urls = entries.map((entry, index) => {
    // [::1]:5433 keeps its brackets; a bare name may carry :port.
    const [, host = '', port] = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(entry) ?? [entry, entry];
    const chosenPort = port ?? queryPorts[index] ?? (queryPorts.length === 1 ? queryPorts[0] : undefined) ?? DEFAULT_PORT;
    const user = userInfo !== undefined ? `${userInfo}@` : '';
    return `${scheme}${user}${host || 'localhost'}:${chosenPort}${path}${query ? `?${query}` : ''}`;
  });
  return { urls, writable: urls.length > 1 || WRITABLE_ATTRS.has(attrs) };
}

/** The URL with its password hidden, for log lines. */
export const redactUrl = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
