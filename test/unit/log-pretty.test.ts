import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';

/** A pretty logger (no colours, so the text is plain) whose output we keep. */
function prettyLogger(secrets: string[]) {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const log = createLogger({ level: 'debug', secrets, destination, pretty: true, colorize: false });
  return { log, text: () => chunks.join('') };
}

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('LOG_PRETTY', () => {
  it('writes text for a person instead of JSON lines', () => {
    const { log, text } = prettyLogger([]);
    log.info({ chat: -1001 }, 'telegram ready');
    expect(text()).toMatch(/INFO.*: telegram ready\n/);
    expect(text()).toContain('chat: -1001');
    expect(() => JSON.parse(text())).toThrow();
  });

  it('scrubs secrets as the JSON logger does: configured ones, token-shaped ones, inside errors', () => {
    const { log, text } = prettyLogger(['super-secret-api-key']);
    log.error(
      { err: new Error(`GET /bot${TOKEN}/getMe with super-secret-api-key failed`), headers: { authorization: 'super-secret-api-key' } },
      'oops super-secret-api-key',
    );
    expect(text()).toContain('oops [redacted]');
    expect(text()).toContain('at '); // the stack is there, printed for a person
    expect(text()).not.toContain('super-secret-api-key');
    expect(text()).not.toContain('AAHdqTcv');
  });

  it('scrubs a secret that JSON had to escape, which the printed text unescapes', () => {
    const secret = 'pa"ss\\word-123';
    const { log, text } = prettyLogger([secret]);
    log.warn({ detail: `the key ${secret} was refused` }, 'refused');
    expect(text()).toContain('the key [redacted] was refused');
    expect(text()).not.toContain('word-123');
  });

  it('is off unless LOG_PRETTY is true, and refuses a value that is not a yes or no', () => {
    const base = { APIFRAME_API_KEY: 'key-123456', TELEGRAM_BOT_TOKEN: TOKEN };
    expect(loadConfig(base).logPretty).toBe(false);
    expect(loadConfig({ ...base, LOG_PRETTY: 'true' }).logPretty).toBe(true);
    expect(() => loadConfig({ ...base, LOG_PRETTY: 'pretty' })).toThrow('LOG_PRETTY must be true or false');
  });
});
