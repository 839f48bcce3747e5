import { describe, expect, it } from 'vitest';
import { makeScrubber } from '../../src/logger.ts';
import { memoryLogger } from '../support/silent-log.ts';

describe('log scrubbing', () => {
  it('removes configured secrets wherever they appear, including inside error objects', () => {
    const { log, lines } = memoryLogger(['super-secret-api-key']);
    log.error({ err: new Error('request with super-secret-api-key failed'), headers: { authorization: 'super-secret-api-key' } }, 'oops');
    expect(lines.join('')).not.toContain('super-secret-api-key');
    expect(lines.join('')).toContain('[redacted]');
  });

  it('removes a configured secret that JSON had to escape (a quote or a backslash in it)', () => {
    const { log, lines } = memoryLogger(['pa"ss\\word-123']);
    log.warn({ detail: 'the key pa"ss\\word-123 was refused' }, 'refused');
    expect(lines.join('')).toContain('[redacted]');
    expect(lines.join('')).not.toContain('word-123');
  });

  it('removes anything shaped like a bot token even when nobody registered it', () => {
    const scrub = makeScrubber([]);
    expect(scrub('GET https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe')).not.toContain('AAHdqTcv');
    expect(scrub('token MTA5ODc2NTQzMjEwOTg3NjU0.GabCdE.aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789ab here')).not.toContain('GabCdE');
    expect(scrub('PATCH /webhooks/100000000000000001/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTA/messages/@original')).toContain(
      '/webhooks/100000000000000001/[redacted]',
    );
    const interactionToken = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTA:c2VjcmV0LXRva2VuLXJlc3Q';
    for (const line of [`PATCH /webhooks/1000000000000001/${interactionToken}/messages/@original`, `POST /interactions/1234567890123/${interactionToken}/callback`]) {
      expect(scrub(line)).not.toContain('c2VjcmV0');
      expect(scrub(line)).not.toContain('aW50ZXJh');
    }
  });
});
