import mongoose from 'mongoose';
import { vi } from 'vitest';
import { registerModels, type Models } from '../../src/store/mongo/models/index.js';
import { CONNECTION_OPTIONS } from '../../src/store/mongo/mongo-store.js';

export type DriverCall = { collection: string; method: string; args: unknown[] };

/**
 * Real Mongoose models on a connection that never opens, with the driver's collection methods
 * replaced one by one. The adapter's code and Mongoose's casting run for real; every call that
 * would have reached the server is recorded with its arguments. The connection has the adapter's
 * Mongoose options; a call nobody stubbed fails at once ("before initial connection").
 */
export function stubbedMongo() {
  const connection = mongoose.createConnection();
  const { bufferCommands, autoIndex, autoCreate } = CONNECTION_OPTIONS;
  Object.assign(connection.config, { bufferCommands, autoIndex, autoCreate });
  const calls: DriverCall[] = [];
  const createdCollections: string[] = [];
  connection.createCollection = (async (name: string) => void createdCollections.push(name)) as never;
  const models = registerModels(connection);
  const transaction: string[] = [];
  let open = false;
  const session = {
    startTransaction: (options?: Record<string, unknown>) => {
      transaction.push('start');
      session.lastOptions = options;
      open = true;
    },
    commitTransaction: async () => {
      transaction.push('commit');
      open = false;
    },
    abortTransaction: async () => {
      transaction.push('abort');
      open = false;
    },
    inTransaction: () => open,
    endSession: async () => void transaction.push('end'),
    lastOptions: undefined as Record<string, unknown> | undefined,
  };
  vi.spyOn(connection, 'startSession').mockResolvedValue(session as never);

  /** Replaces one driver method of a model's collection; `reply` gets the driver's arguments. */
  function stub(model: keyof Models, method: string, reply: (...args: unknown[]) => unknown) {
    const collection = models[model].collection;
    Object.assign(collection, {
      [method]: (...args: unknown[]) => {
        calls.push({ collection: collection.name, method, args });
        return reply(...args);
      },
    });
  }

  // Nobody is waiting unless a test says so: cancels and moves then record no freed time.
  stub('WaitlistEntry', 'findOne', async () => null);
  const callsTo = (collection: string, method: string) => calls.filter((call) => call.collection === collection && call.method === method);
  return { connection, models, calls, callsTo, createdCollections, transaction, session, stub };
}

/** What the driver's `find` returns, reduced to the one method Mongoose calls on it. */
export const cursorOf = (docs: unknown[], delayMs = 0) => ({
  toArray: () => new Promise((resolve) => setTimeout(() => resolve(docs), delayMs)),
});
