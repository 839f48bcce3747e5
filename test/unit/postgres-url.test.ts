import { describe, expect, it } from 'vitest';
import { databaseUrlSchema } from '../../src/store/postgres/url.ts';
import { memoryLogger } from '../support/silent-log.ts';

const issues = (value: string) => {
  const result = databaseUrlSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('DATABASE_URL', () => {
  it('accepts postgres:// and postgresql:// URLs naming a host and a database', () => {
    for (const url of ['postgres://bot:pw@db.internal:5432/framebot', 'postgresql://bot@127.0.0.1/framebot', 'postgres:///framebot?host=/var/run/postgresql&user=bot']) {
      expect(issues(url)).toEqual([]);
    }
  });

  it('refuses other schemes, a missing host or database, and text that is no URL, without repeating the value', () => {
    const cases: Array<[string, RegExp]> = [
      ['mysql://bot:hunter2-secret@db/framebot', /must start with postgres:\/\/ or postgresql:\/\//],
      ['https://bot:hunter2-secret@db/framebot', /must start with postgres:\/\/ or postgresql:\/\//],
      ['data/framebot.sqlite', /must be a URL/],
      ['postgres://bot:hunter2-secret@db.internal:5432', /must name the database/],
      ['postgres://bot:hunter2-secret@db.internal:5432/', /must name the database/],
      ['postgres:///framebot', /must name the server's host/],
    ];
    for (const [url, message] of cases) {
      const found = issues(url);
      expect(found, url).toHaveLength(1);
      expect(found[0], url).toMatch(message);
      expect(JSON.stringify(databaseUrlSchema.safeParse(url).error), url).not.toContain('hunter2');
    }
  });

  it('gives a form for logs with the password replaced', () => {
    const url = databaseUrlSchema.parse('postgres://bot:s3cr%40t-pass@db.internal:5432/framebot?sslmode=require');
    expect(url.redacted).toBe('postgres://bot:redacted@db.internal:5432/framebot?sslmode=require');
    expect(databaseUrlSchema.parse('postgres://bot@db.internal/framebot?password=query-secret').redacted).not.toContain('query-secret');
  });

  it('names the password, as written and decoded, for the log scrubber, which then hides it wherever it appears', () => {
    const url = databaseUrlSchema.parse('postgres://bot:s3cr%40t-pass@db.internal:5432/framebot');
    expect(url.secrets).toEqual(expect.arrayContaining(['s3cr%40t-pass', 's3cr@t-pass']));
    const { log, lines } = memoryLogger([...url.secrets]);
    log.error({ err: new Error('connect to postgres://bot:s3cr%40t-pass@db.internal:5432/framebot failed'), password: 's3cr@t-pass' }, 'database down');
    const text = lines.join('');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('s3cr');
  });

  it('has no secrets to give when the URL carries no password', () => {
    expect(databaseUrlSchema.parse('postgres://bot@db.internal/framebot').secrets).toEqual([]);
  });
});
