/**
 * Refusals that pile up in one group, shown as one message that is edited (issue 12, part 4): a
 * busy group with an empty wallet would otherwise get one reply per refused command, and a group's
 * small message budget (Telegram: about 20 a minute) would delay every answer and result behind
 * them. Refusals of a kind that piles up (HEADLINES: the wallet, a member's daily limit, the rate
 * limit, the queue's caps) are gathered into a burst naming who was refused; the burst's message goes through
 * StatusMessages, so its edits keep to the chat's pace and only the newest text is sent. Other
 * refusals (a mistyped command) stay replies of their own: the person needs to see theirs at once.
 */
import type { StatusIo, StatusMessages } from './status-messages.ts';
import { SOURCE_LOCALE, t, type Locale } from '../../src/i18n/index.ts';

/**
 * The kinds combined (UserError codes), and the catalogue message of what their combined message
 * says before the names (adapters.ftl).
 */
const HEADLINES: Record<string, string> = {
  insufficient_credits: 'digest-insufficient-credits',
  daily_cap: 'digest-daily-cap',
  rate_limited: 'digest-rate-limited',
  // The queue's caps (MAX_JOBS_PER_USER, MAX_JOBS_PER_GROUP) pile up the same way in a busy group.
  too_many_jobs: 'digest-too-many-jobs',
  too_many_group_jobs: 'digest-too-many-group-jobs',
};
/** Names shown before "(+N more)". */
const NAMES_SHOWN = 8;

export interface Refusal {
  /** The error's stable code (UserError.code). */
  code: string;
  /** The refusal as the user would have been told it alone. */
  text: string;
  userId: string;
  /** How the group knows them (@name or first name). */
  who: string;
  /**
   * The language `text` is in (the refused user's): a combined message is in the language of its
   * newest refusal, so the headline agrees with the refusal quoted under it. Absent: English.
   */
  locale?: Locale;
}

export interface RefusalDigestOptions {
  /** A burst ends after this long without a refusal of its kind: the next starts a new message. */
  quietMs: number;
  /** A burst ends when a refusal is this many messages below its first: an edit that far up goes unseen. */
  farAfter: number;
  /** Bursts remembered at most (the one used longest ago is forgotten first). */
  maxBursts?: number;
  now?: () => number;
}

interface Burst {
  id: number;
  firstPosition: number;
  lastAt: number;
  total: number;
  /** By user id, in order of their first refusal. */
  users: Map<string, { who: string; count: number }>;
  latest: Refusal;
}

/** Whether refusals with this code are combined (else they are replied to one by one). */
export function combines(code: string): boolean {
  return Object.hasOwn(HEADLINES, code);
}

export class RefusalDigest<Ref> {
  private readonly bursts = new Map<string, Burst>();
  private seq = 0;
  private readonly now: () => number;

  constructor(
    private readonly statuses: StatusMessages<Ref>,
    private readonly o: RefusalDigestOptions,
  ) {
    this.now = o.now ?? Date.now;
  }

  /**
   * Adds a refusal given in `chatKey` by an update at `position`: the first of a burst is posted
   * (and awaited), later ones edit it at the chat's pace.
   */
  add(chatKey: string, refusal: Refusal, position: number, io: StatusIo<Ref>): Promise<void> {
    const key = `${chatKey}:${refusal.code}`;
    const now = this.now();
    let burst = this.bursts.get(key);
    // Updates are handled concurrently, so one a little older than the burst's first still joins it.
    if (!burst || now - burst.lastAt > this.o.quietMs || position - burst.firstPosition > this.o.farAfter) {
      burst = { id: ++this.seq, firstPosition: position, lastAt: now, total: 0, users: new Map(), latest: refusal };
    }
    burst.lastAt = now;
    burst.total++;
    burst.latest = refusal;
    const user = burst.users.get(refusal.userId);
    if (user) user.count++;
    else burst.users.set(refusal.userId, { who: refusal.who, count: 1 });
    this.remember(key, burst);
    return this.statuses.show(`${key}:${burst.id}`, render(refusal.code, burst), Math.max(position, burst.firstPosition), io);
  }

  private remember(key: string, burst: Burst): void {
    this.bursts.delete(key);
    this.bursts.set(key, burst);
    if (this.bursts.size > (this.o.maxBursts ?? 5_000)) this.bursts.delete(this.bursts.keys().next().value!);
  }
}

/**
 * One refusal reads as it would alone; several name who was refused and how often, in the
 * language of the newest refusal.
 */
function render(code: string, burst: Burst): string {
  const { latest, total, users } = burst;
  if (total === 1) return latest.text;
  const locale = latest.locale ?? SOURCE_LOCALE;
  const named = [...users.values()].slice(0, NAMES_SHOWN).map((u) => (u.count > 1 ? `${u.who} ×${u.count}` : u.who));
  const more = users.size > NAMES_SHOWN ? ` ${t(locale, 'digest-more', { count: users.size - NAMES_SHOWN })}` : '';
  // Each combined kind refuses before any credit moves.
  const summary = t(locale, 'digest-summary', { headline: t(locale, HEADLINES[code]!), names: named.join(', '), more, count: total });
  return `${summary}\n${latest.who}: ${latest.text}`;
}
