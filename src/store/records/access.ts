/*
 * Who may use the bot, as the operators changed it at run time (/admin block, allow, …), and when
 * each refusal was last shown. Kept in the store so every instance sharing it decides alike.
 */

/** Which list an entry changes: blocked users, allowed Discord servers, allowed chats. */
export type AccessList = 'blocked_users' | 'allowed_guilds' | 'allowed_chats';

export interface AccessEntry {
  list: AccessList;
  /** Platform-prefixed, as in the configuration: `telegram:5678`, `discord:123456789012345678`. */
  target: string;
  /** True: on the list (blocked, allowed). False: taken off it, even when the configuration lists it. */
  listed: boolean;
  /** The operator who changed it (`platform:userId`). */
  changedBy: string;
  changedAt: number;
}

export interface AccessRepository {
  /** Every run-time change, each target's latest only. */
  entries(): Promise<AccessEntry[]>;
  /** Records a change, replacing any earlier one for the same list and target. */
  put(entry: AccessEntry): Promise<void>;
  /**
   * Claims the right to show refusal `key` at `now`: true (and `now` recorded) when none was shown
   * since `now - quietMs`, false otherwise. Two instances claiming at once: one wins.
   */
  claimRefusal(key: string, now: number, quietMs: number): Promise<boolean>;
}
