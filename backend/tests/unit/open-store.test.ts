import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStore, describeTarget } from '../../src/store/open-store.js';

const named = (target: Parameters<typeof describeTarget>[0]) => describeStore(describeTarget(target));

describe('describeStore', () => {
  it('names the embedded store and where it keeps its files', () => {
    expect(named({ dataDir: 'data' })).toBe(`PGlite in ${path.resolve('data')}`);
    expect(named({ dataDir: 'data', databaseUrl: 'pglite://memory' })).toBe('PGlite in memory');
  });

  it('never prints a password of a server URL', () => {
    expect(named({ dataDir: 'x', databaseUrl: 'postgres://clinic:s3cr%40t@db.example:5432/clinic' })).toBe(
      'PostgreSQL at postgres://clinic:***@db.example:5432/clinic',
    );
    expect(named({ dataDir: 'x', mongodbUri: 'mongodb://app:hunter2@m1:27017,m2:27017/clinic?replicaSet=rs0' })).toBe(
      'MongoDB at mongodb://app:***@m1:27017,m2:27017/clinic?replicaSet=rs0',
    );
    expect(named({ dataDir: 'x', databaseUrl: 'postgresql://postgres@127.0.0.1/clinic' })).toBe(
      'PostgreSQL at postgresql://postgres@127.0.0.1/clinic',
    );
  });
});
