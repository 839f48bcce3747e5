import type { Db } from './db.ts';
import type { Platform, Sync } from './types.ts';
import type { SettingsRepository } from './records/chat-state.ts';

/** Each user's and each group's /settings as JSON; the core validates them when it reads them back. */
export class SettingsRepo implements Sync<SettingsRepository> {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare('SELECT settings_json FROM user_settings WHERE platform = ? AND user_id = ?'),
      put: db.prepare(
        `INSERT INTO user_settings (platform, user_id, settings_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (platform, user_id) DO UPDATE SET settings_json = excluded.settings_json, updated_at = excluded.updated_at`,
      ),
      getGroup: db.prepare('SELECT settings_json FROM group_settings WHERE platform = ? AND group_id = ?'),
      putGroup: db.prepare(
        `INSERT INTO group_settings (platform, group_id, settings_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (platform, group_id) DO UPDATE SET settings_json = excluded.settings_json, updated_at = excluded.updated_at`,
      ),
    };
  }

  get(platform: Platform, userId: string): unknown {
    const row = this.s.get.get(platform, userId) as { settings_json: string } | undefined;
    return row ? (JSON.parse(row.settings_json) as unknown) : undefined;
  }

  put(platform: Platform, userId: string, settings: unknown, now: number): void {
    this.s.put.run(platform, userId, JSON.stringify(settings), now);
  }

  getGroup(platform: Platform, groupId: string): unknown {
    const row = this.s.getGroup.get(platform, groupId) as { settings_json: string } | undefined;
    return row ? (JSON.parse(row.settings_json) as unknown) : undefined;
  }

  putGroup(platform: Platform, groupId: string, settings: unknown, now: number): void {
    this.s.putGroup.run(platform, groupId, JSON.stringify(settings), now);
  }
}
