import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { DEFAULT_BANNED_WORDS } from '../../src/core/banned-words.ts';

const base = { APIFRAME_API_KEY: 'key-123456', TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi' };

describe('loadConfig: moderation and the access lists', () => {
  it('keeps today’s behaviour by default: the default banned words, no list restricting anyone, an hour of quiet', () => {
    const c = loadConfig(base);
    expect(c.bannedWords).toEqual([...DEFAULT_BANNED_WORDS]);
    expect(c.access).toEqual({ allowedGuilds: [], allowedChats: [], blockedUsers: [], quietMs: 3_600_000 });
  });

  it('reads the lists platform-prefixed, server ids with or without discord:, each once', () => {
    const c = loadConfig({
      ...base,
      ALLOWED_GUILDS: '123456789012345678, discord:234567890123456789,123456789012345678',
      ALLOWED_CHATS: 'telegram:-1001234567890,discord:345678901234567890',
      BLOCKED_USERS: 'telegram:5678 , discord:456789012345678901',
      ACCESS_QUIET_MS: '60000',
    });
    expect(c.access).toEqual({
      allowedGuilds: ['discord:123456789012345678', 'discord:234567890123456789'],
      allowedChats: ['telegram:-1001234567890', 'discord:345678901234567890'],
      blockedUsers: ['telegram:5678', 'discord:456789012345678901'],
      quietMs: 60_000,
    });
  });

  it('refuses an id without its platform where it would be ambiguous, with an example', () => {
    expect(() => loadConfig({ ...base, BLOCKED_USERS: '5678' })).toThrow(/BLOCKED_USERS must be a comma-separated list such as telegram:5678/);
    expect(() => loadConfig({ ...base, ALLOWED_CHATS: '-1001234567890' })).toThrow(/ALLOWED_CHATS must be a comma-separated list/);
    expect(() => loadConfig({ ...base, ALLOWED_GUILDS: 'telegram:1234567' })).toThrow(/ALLOWED_GUILDS must be a comma-separated list of Discord server ids/);
  });

  it("reads the operator's banned-words file instead of the default, and stops on one it cannot read", () => {
    const dir = mkdtempSync(join(tmpdir(), 'framebot-words-'));
    try {
      const file = join(dir, 'words.txt');
      writeFileSync(file, '# ours\nass\nblood bath\n');
      expect(loadConfig({ ...base, BANNED_WORDS_FILE: file }).bannedWords).toEqual(['ass', 'blood bath']);
      writeFileSync(file, '');
      expect(loadConfig({ ...base, BANNED_WORDS_FILE: file }).bannedWords).toEqual([]);
      expect(() => loadConfig({ ...base, BANNED_WORDS_FILE: join(dir, 'missing.txt') })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, BANNED_WORDS_FILE: join(dir, 'missing.txt') })).toThrow(/BANNED_WORDS_FILE could not be read \(ENOENT\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
