/** Secrets the server makes for itself and every process shares. */
export interface SecretRepository {
  /** The stored secret of this name, or `value` stored now if there is none: every caller gets the same one. */
  getOrCreate(name: string, value: string): Promise<string>;
  /** The stored secret of this name, or null; never makes one. */
  get(name: string): Promise<string | null>;
}
