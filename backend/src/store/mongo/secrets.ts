import type { SecretRepository } from '../ports/secrets.js';
import { mongoCall } from './errors.js';
import type { Models } from './models/index.js';

export function mongoSecrets({ AppSecret }: Pick<Models, 'AppSecret'>): SecretRepository {
  return {
    getOrCreate: (name, value) =>
      mongoCall(async () => {
        // An upsert on _id is atomic: of two processes racing, one inserts and both read its value.
        const doc = await AppSecret.findOneAndUpdate(
          { _id: name },
          { $setOnInsert: { value } },
          { upsert: true, returnDocument: 'after' },
        ).lean();
        return doc!.value;
      }),
    get: (name) => mongoCall(async () => (await AppSecret.findById(name).lean())?.value ?? null),
  };
}
