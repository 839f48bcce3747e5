import { describe, expect, it } from 'vitest';
import { postgresPlan } from '../support/postgres.ts';

describe('PostgreSQL tests without a server', () => {
  const missing = { error: 'PostgreSQL did not start: no binaries' };

  it('run, and so fail with the reason, under CI', () => {
    expect(postgresPlan(missing, { CI: 'true' })).toEqual({ run: true });
    expect(postgresPlan(missing, { CI: '1' })).toEqual({ run: true });
  });

  it('are skipped with the reason elsewhere', () => {
    expect(postgresPlan(missing, {})).toEqual({ run: false, reason: missing.error });
    expect(postgresPlan(missing, { CI: 'false' })).toEqual({ run: false, reason: missing.error });
  });

  it('run whenever the server is there', () => {
    expect(postgresPlan({ url: 'postgres://postgres@127.0.0.1:5432/postgres' }, {})).toEqual({ run: true });
  });
});
