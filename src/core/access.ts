import type { Store } from '../store/index.ts';
import { msg, render, SOURCE_LOCALE, type Text } from '../i18n/index.ts';
import type { AccessList } from '../store/records/access.ts';
import type { Platform, Scope } from './chat.ts';

export type { AccessList };

/** The configuration's lists (ALLOWED_GUILDS, ALLOWED_CHATS, BLOCKED_USERS), ids platform-prefixed. */
export interface AccessLists {
  allowedGuilds: readonly string[];
  allowedChats: readonly string[];
  blockedUsers: readonly string[];
}

export interface AccessOptions extends AccessLists {
  /** After a refusal, how long the same user or place is refused without a word. */
  quietMs: number;
}

/** Where an entry of an effective list comes from. */
export interface ListedTarget {
  target: string;
  from: 'config' | 'operator';
}

export type EffectiveLists = Record<AccessList, ListedTarget[]>;

/** Allowed; refused with a message; or refused in silence (a refusal was shown not long ago). */
export type AccessVerdict = { allowed: true } | { allowed: false; refusal?: Text };

const CONFIG_KEY: Record<AccessList, keyof AccessLists> = {
  blocked_users: 'blockedUsers',
  allowed_guilds: 'allowedGuilds',
  allowed_chats: 'allowedChats',
};

/** The refusals, rendered in the reader's language by whoever shows them (AccessVerdict.refusal). */
const BLOCKED = msg('access-blocked');
const GUILD_NOT_ALLOWED = msg('access-guild-not-allowed');
const CHAT_NOT_ALLOWED = msg('access-chat-not-allowed');
/** Their English. */
export const BLOCKED_TEXT = render(SOURCE_LOCALE, BLOCKED);
export const GUILD_NOT_ALLOWED_TEXT = render(SOURCE_LOCALE, GUILD_NOT_ALLOWED);
export const CHAT_NOT_ALLOWED_TEXT = render(SOURCE_LOCALE, CHAT_NOT_ALLOWED);

/**
 * Allow and deny lists. The configuration gives each list; operators change them at run time
 * (kept in the store, so every instance agrees): a run-time change of a target wins over the
 * configuration for that target, both ways. An allow-list restricts shared places only (servers,
 * groups, channels) and only once it names one of that platform; private chats are never
 * restricted by it (block the user instead). Operators are never refused. A refusal is shown once
 * per user or place, then the same one is silent for `quietMs` (remembered in the store too).
 */
export class AccessService {
  constructor(
    private readonly o: { store: Store; lists: AccessOptions; isOperator(scope: Pick<Scope, 'platform' | 'userId'>): boolean; now?: () => number },
  ) {}

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  /** Every list as it applies now: the configuration's entries, then the operators' changes. */
  async lists(): Promise<EffectiveLists> {
    const out: EffectiveLists = { blocked_users: [], allowed_guilds: [], allowed_chats: [] };
    const changes = await this.o.store.access.entries();
    for (const list of Object.keys(out) as AccessList[]) {
      const listed = new Map<string, ListedTarget['from']>(this.o.lists[CONFIG_KEY[list]].map((t) => [t, 'config']));
      for (const c of changes.filter((c) => c.list === list)) {
        if (c.listed) listed.set(c.target, 'operator');
        else listed.delete(c.target);
      }
      out[list] = [...listed].map(([target, from]) => ({ target, from }));
    }
    return out;
  }

  /** Puts `target` on a list or takes it off, for every instance. */
  async change(list: AccessList, target: string, listed: boolean, by: Pick<Scope, 'platform' | 'userId'>): Promise<void> {
    await this.o.store.access.put({ list, target, listed, changedBy: `${by.platform}:${by.userId}`, changedAt: this.now() });
  }

  /** Whether a command given in `scope` may run; the refusal to show, if any. */
  async check(scope: Scope): Promise<AccessVerdict> {
    const refused = await this.refusedFor(scope);
    return refused ? this.refuse(refused.key, refused.text) : { allowed: true };
  }

  /**
   * Whether the lists let `scope` in, with no refusal used up: for what the bot says outside a
   * command (an unknown command, a hint), which a refused person or place gets no answer to.
   */
  async permits(scope: Scope): Promise<boolean> {
    return (await this.refusedFor(scope)) === undefined;
  }

  /** Which refusal applies to `scope` (its silence key and text), if any. */
  private async refusedFor(scope: Scope): Promise<{ key: string; text: Text } | undefined> {
    if (this.o.isOperator(scope)) return undefined;
    const lists = await this.lists();
    const has = (list: AccessList, target: string) => lists[list].some((l) => l.target === target);
    const user = `${scope.platform}:${scope.userId}`;
    if (has('blocked_users', user)) return { key: `user:${user}`, text: BLOCKED };
    if (scope.isPrivate) return undefined;
    if (scope.platform === 'discord' && scope.guildId && lists.allowed_guilds.length > 0 && !has('allowed_guilds', `discord:${scope.guildId}`)) {
      return { key: `guild:discord:${scope.guildId}`, text: GUILD_NOT_ALLOWED };
    }
    const chat = `${scope.platform}:${scope.chatId}`;
    if (onPlatform(lists.allowed_chats, scope.platform).length > 0 && !has('allowed_chats', chat)) return { key: `chat:${chat}`, text: CHAT_NOT_ALLOWED };
    return undefined;
  }

  private async refuse(key: string, text: Text): Promise<AccessVerdict> {
    const speak = await this.o.store.access.claimRefusal(key, this.now(), this.o.lists.quietMs);
    return speak ? { allowed: false, refusal: text } : { allowed: false };
  }
}

/** The entries of a list that belong to one platform. */
export function onPlatform(list: readonly ListedTarget[], platform: Platform): ListedTarget[] {
  return list.filter((l) => l.target.startsWith(`${platform}:`));
}
