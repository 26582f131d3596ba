import { describe, expect, it } from 'vitest';
import { parsePostgresUrl } from '../../src/store/sql/pg-hosts.js';

describe('reading a libpq multi-host DATABASE_URL', () => {
  it('splits the host list into one URL per host, in order, and asks for the writable one', () => {
    expect(parsePostgresUrl('postgres://clinic:secret@h1:5433,h2:5434/clinic?target_session_attrs=read-write&sslmode=disable')).toEqual({
      urls: ['postgres://clinic:secret@h1:5433/clinic?sslmode=disable', 'postgres://clinic:secret@h2:5434/clinic?sslmode=disable'],
      writable: true,
    });
  });

  it('keeps a single host as it is, and accepts whatever it is unless read-write is asked for', () => {
    expect(parsePostgresUrl('postgresql://postgres@127.0.0.1:5432/clinic')).toEqual({
      urls: ['postgresql://postgres@127.0.0.1:5432/clinic'],
      writable: false,
    });
    expect(parsePostgresUrl('postgres://u@db/clinic?target_session_attrs=read-write').writable).toBe(true);
  });

  it('treats a list of hosts as a search for the writable primary even without target_session_attrs', () => {
    expect(parsePostgresUrl('postgres://u@a,b/clinic').writable).toBe(true);
  });

  it('gives a host without a port 5432, or the one port given for all, and keeps IPv6 brackets', () => {
    expect(parsePostgresUrl('postgres://u@a,b:6000,[::1]:6001/db').urls).toEqual([
      'postgres://u@a:5432/db',
      'postgres://u@b:6000/db',
      'postgres://u@[::1]:6001/db',
    ]);
    expect(parsePostgresUrl('postgres://u@a,b/db?port=6432').urls).toEqual(['postgres://u@a:6432/db', 'postgres://u@b:6432/db']);
  });

  it('reads hosts and ports given as query parameters, as libpq also allows', () => {
    expect(parsePostgresUrl('postgres:///clinic?host=a,b&port=5433,5434&user=u')).toEqual({
      urls: ['postgres://a:5433/clinic?user=u', 'postgres://b:5434/clinic?user=u'],
      writable: true,
    });
  });
});
