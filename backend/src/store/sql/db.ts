/** The little that the SQL adapter needs from a driver; both pg.Pool and PGlite fit behind it. */
export interface SqlClient {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export type NotificationListener = {
  onNotification(payload: string): void;
  /** LISTEN is in place again after a loss; notices sent in between never arrive. */
  onConnected(): void;
  onLost(): void;
};

export interface SqlDatabase extends SqlClient {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * A read replica (DATABASE_READ_URL), for reads whose answer may lag the primary by the
   * replication delay: lists and searches. Never for a read that a write decides on.
   */
  reader?: SqlClient;
  /**
   * Keeps one connection LISTENing on `channel`, reconnecting after a loss, until close();
   * resolves once the first LISTEN is in place. Absent where one process owns the database.
   */
  listen?(channel: string, listener: NotificationListener): Promise<void>;
  close(): Promise<void>;
}
