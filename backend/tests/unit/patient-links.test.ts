import { describe, expect, it } from 'vitest';
import { patientLinks } from '../../src/services/patient-links.js';
import type { SecretRepository } from '../../src/store/ports/secrets.js';

/** The store's contract for secrets (the first value given wins), kept in a map. */
function secrets(): { secrets: SecretRepository } {
  const kept = new Map<string, string>();
  return {
    secrets: {
      getOrCreate: async (name, value) => {
        if (!kept.has(name)) kept.set(name, value);
        return kept.get(name)!;
      },
      get: async (name) => kept.get(name) ?? null,
    },
  };
}

const now = new Date('2026-12-04T10:00:00Z');
const later = new Date('2026-12-05T10:00:00Z');

describe('patient links', () => {
  it('makes no key when checking a token before any link was signed: a forged token writes nothing', async () => {
    const store = secrets();
    const links = patientLinks(store, (path) => path);
    const forged = `${Buffer.from(JSON.stringify({ p: 'cancel', i: 'appt-1', e: 4102444800 })).toString('base64url')}.c2ln`;
    expect(await links.verify(forged, 'cancel', now)).toBeNull();
    expect(await store.secrets.get('patient-links')).toBeNull();
  });

  it('verifies its own token for the purpose it was made for, until it expires', async () => {
    const links = patientLinks(secrets(), (path) => `https://clinic.example${path}`);
    const token = await links.sign({ purpose: 'cancel', id: 'appt-1', expiresAt: later });
    expect(await links.verify(token, 'cancel', now)).toEqual({ purpose: 'cancel', id: 'appt-1', expiresAt: later });
    expect(await links.verify(token, 'view', now)).toBeNull();
    expect(await links.verify(token, 'cancel', later)).toBeNull();
  });

  it('refuses a token whose claims or signature were changed, or that another store signed', async () => {
    const store = secrets();
    const links = patientLinks(store, (path) => path);
    const token = await links.sign({ purpose: 'view', id: 'appt-1', expiresAt: later });
    const [body, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ p: 'view', i: 'appt-2', e: later.getTime() / 1000 })).toString('base64url');
    expect(await links.verify(`${forged}.${signature}`, 'view', now)).toBeNull();
    expect(await links.verify(`${body}.${signature.slice(1)}`, 'view', now)).toBeNull();
    expect(await links.verify(`${token}.x`, 'view', now)).toBeNull();
    expect(await links.verify('nonsense', 'view', now)).toBeNull();
    const elsewhere = patientLinks(secrets(), (path) => path);
    expect(await elsewhere.verify(token, 'view', now)).toBeNull();
    expect(await patientLinks(store, (path) => path).verify(token, 'view', now)).not.toBeNull();
  });

  it('puts offers under /offer and appointments under /visit', async () => {
    const links = patientLinks(secrets(), (path) => `https://clinic.example${path}`);
    expect(await links.url({ purpose: 'offer', id: 'o', expiresAt: later })).toMatch(/^https:\/\/clinic\.example\/offer\/[\w-]+\.[\w-]+$/);
    expect(await links.url({ purpose: 'confirm', id: 'a', expiresAt: later })).toMatch(
      /^https:\/\/clinic\.example\/visit\/[\w-]+\.[\w-]+$/,
    );
  });
});
