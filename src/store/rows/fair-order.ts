// The fair order of a provider's waiting jobs, read lazily: what to read and how to merge it, for
// any engine (src/store/rows/queue.ts has the reads' SQL; each tasks repository answers them).

/*
 * The fair order. Round robin in two levels: a task's round in its group is its place among its
 * group's waiting tasks once the group's users take turns (a user's nth waiting task is in their
 * round n); the groups then take turns the same way. A tie within a round goes to the user (group)
 * served longest ago (the latest admitted_at of theirs), then to the one waiting longest.
 *
 * Admitting the first task moves every other task up by exactly one place (its user and group go
 * to the back of their ties), so positions shown only ever go down while no new job arrives.
 *
 * Computed over the whole line in one query, this read every waiting task, twice with a correlated
 * aggregate each, for every admission and every refresh of the places (60 ms and 380 ms of event
 * loop with 10,000 waiting on SQLite, issue 14). Instead the store keeps, per provider, each group
 * and each user with jobs waiting (queue_groups, queue_users: when last served, since when its
 * oldest job waits, how many wait), maintained by triggers on tasks; so
 * - the next `limit` jobs are a lazy merge of index ranges (fairOrder below): the groups in turn
 *   order, in each its users in turn order, of each its jobs oldest first; pages grow from 1 row and
 *   double, so an admission of one job reads three rows, and the first n jobs about 3n reads of at
 *   most 4n rows;
 * - any one job's place is arithmetic over those counts (placesOf): the jobs ahead of a job in round
 *   r are min(waiting, r - 1) of every group plus one of each group that is ahead of its group and
 *   has r jobs or more, and the same within its group for its user's round. That is one pass over
 *   the waiting groups' rows (in one statement, grouped by count), so it grows with how many groups
 *   wait, never with how many jobs.
 * Both are written once here, as generators of reads that each engine runs (runSync, runAsync).
 */

/** A group with jobs waiting, in turn order: (served, firstAt, platform, grp). */
export interface GroupTurn {
  platform: string;
  grp: string;
  served: number;
  firstAt: number;
  waiting: number;
}

/** A user of a group with jobs waiting, in turn order within it: (served, firstAt, userId). */
export interface UserTurn {
  userId: string;
  served: number;
  firstAt: number;
  waiting: number;
}

/** A waiting job, in its user's order: (createdAt, id). */
export interface WaitingKey {
  id: string;
  createdAt: number;
}

/** Where a waiting job stands: its provider, group, user and age; absent when it does not wait. */
export interface WaitingTask extends WaitingKey {
  provider: string;
  platform: string;
  grp: string;
  userId: string;
}

export interface Where {
  provider: string;
  platform: string;
  grp: string;
}

/** One read the fair order asks an engine for (its SQL: LINE_SQL in ./queue.ts). */
export type LineRead =
  | { kind: 'groups'; provider: string; after: GroupTurn | undefined; limit: number }
  | { kind: 'users'; where: Where; after: UserTurn | undefined; limit: number }
  | { kind: 'jobs'; where: Where; userId: string; after: WaitingKey | undefined; limit: number }
  | { kind: 'task'; id: string }
  | { kind: 'group'; where: Where }
  | { kind: 'user'; where: Where; userId: string }
  | { kind: 'userRound'; task: WaitingTask }
  | { kind: 'usersAhead'; where: Where; user: UserTurn; rounds: number }
  | { kind: 'groupsAhead'; provider: string; group: GroupTurn; rounds: number };

/** What each read answers. */
export interface LineAnswers {
  groups: GroupTurn[];
  users: UserTurn[];
  jobs: WaitingKey[];
  task: WaitingTask | undefined;
  group: GroupTurn | undefined;
  user: UserTurn | undefined;
  /** Jobs of the task's user waiting before it. */
  userRound: number;
  /** Per round r (from 1 up to `rounds`): jobs of the group ahead of its user's round-r job. */
  usersAhead: number[];
  /** Per round r (from 1 up to `rounds`): jobs of the line ahead of the group's round-r job. */
  groupsAhead: number[];
}

type Reads<T> = Generator<LineRead, T, unknown>;

/** Asks for one read and returns its typed answer. */
function* ask<K extends LineRead['kind']>(read: Extract<LineRead, { kind: K }>): Reads<LineAnswers[K]> {
  return (yield read) as LineAnswers[K];
}

/** A list read a page at a time as far as it is needed; pages double from 1 up to `cap`. */
class Paged<T> {
  private readonly items: T[] = [];
  private pos = 0;
  private done = false;
  private size = 1;
  constructor(
    private readonly page: (after: T | undefined, limit: number) => Reads<T[]>,
    private readonly cap: number,
  ) {}

  *next(): Reads<T | undefined> {
    if (this.pos >= this.items.length && !this.done) {
      const got = yield* this.page(this.items.at(-1), this.size);
      if (got.length < this.size) this.done = true;
      this.items.push(...got);
      this.size = Math.min(this.size * 2, this.cap);
    }
    return this.items[this.pos++];
  }
}

interface Stream {
  next(): Reads<string | undefined>;
}

/** Takes turns over `members` (in their turn order): one item of each per round, while it has any. */
class RoundRobin<M> implements Stream {
  private readonly active: Stream[] = [];
  private firstRound = true;
  private cursor = 0;
  constructor(
    private readonly members: Paged<M>,
    private readonly streamOf: (member: M) => Stream,
  ) {}

  *next(): Reads<string | undefined> {
    while (this.firstRound) {
      const member = yield* this.members.next();
      if (member === undefined) {
        this.firstRound = false;
        break;
      }
      const stream = this.streamOf(member);
      const id = yield* stream.next();
      if (id === undefined) continue;
      this.active.push(stream);
      return id;
    }
    while (this.active.length > 0) {
      if (this.cursor >= this.active.length) this.cursor = 0;
      const id = yield* this.active[this.cursor]!.next();
      if (id === undefined) {
        this.active.splice(this.cursor, 1);
        continue;
      }
      this.cursor++;
      return id;
    }
    return undefined;
  }
}

/** One group's waiting jobs in its own round robin: its users take turns. */
function groupStream(where: Where, cap: number): Stream {
  const users = new Paged<UserTurn>((after, limit) => ask({ kind: 'users', where, after, limit }), cap);
  return new RoundRobin(users, (user) => {
    const jobs = new Paged<WaitingKey>((after, limit) => ask({ kind: 'jobs', where, userId: user.userId, after, limit }), cap);
    return { next: function* () { return (yield* jobs.next())?.id; } };
  });
}

/** The ids of `provider`'s first `limit` waiting jobs in the fair order. */
export function* fairOrder(provider: string, limit: number): Reads<string[]> {
  const cap = Math.max(1, limit);
  const groups = new Paged<GroupTurn>((after, n) => ask({ kind: 'groups', provider, after, limit: n }), cap);
  const line = new RoundRobin(groups, (g) => groupStream({ provider, platform: g.platform, grp: g.grp }, cap));
  const ids: string[] = [];
  while (ids.length < limit) {
    const id = yield* line.next();
    if (id === undefined) break;
    ids.push(id);
  }
  return ids;
}

/**
 * The first `limit` waiting jobs of one group in the line's order (its own round robin), each with
 * its place in the whole line: the group's nth job is in round n of the groups.
 */
export function* groupLine(where: Where, limit: number): Reads<Array<{ id: string; place: number }>> {
  const group = yield* ask({ kind: 'group', where });
  if (!group || group.waiting <= 0) return [];
  const stream = groupStream(where, Math.max(1, limit));
  const ids: string[] = [];
  while (ids.length < limit) {
    const id = yield* stream.next();
    if (id === undefined) break;
    ids.push(id);
  }
  if (ids.length === 0) return [];
  // One pass over the waiting groups' counts places every round at once.
  const ahead = yield* ask({ kind: 'groupsAhead', provider: where.provider, group, rounds: ids.length });
  return ids.map((id, i) => ({ id, place: ahead[i]! + 1 }));
}

/** The place in `provider`'s line of each of `ids` that waits there (others are left out). */
export function* placesOf(provider: string, ids: readonly string[]): Reads<Map<string, number>> {
  const places = new Map<string, number>();
  for (const id of ids) {
    const task = yield* ask({ kind: 'task', id });
    if (!task || task.provider !== provider) continue;
    const where = { provider, platform: task.platform, grp: task.grp };
    const user = yield* ask({ kind: 'user', where, userId: task.userId });
    const group = yield* ask({ kind: 'group', where });
    if (!user || !group) continue;
    const userRound = (yield* ask({ kind: 'userRound', task })) + 1;
    const groupRound = (yield* ask({ kind: 'usersAhead', where, user, rounds: userRound })).at(-1)! + 1;
    places.set(id, (yield* ask({ kind: 'groupsAhead', provider, group, rounds: groupRound })).at(-1)! + 1);
  }
  return places;
}

/** Runs reads one after another on a synchronous engine. */
export function runSync<T>(reads: Reads<T>, answer: (read: LineRead) => unknown): T {
  let step = reads.next();
  while (!step.done) step = reads.next(answer(step.value));
  return step.value;
}

/** Runs reads one after another on an asynchronous engine. */
export async function runAsync<T>(reads: Reads<T>, answer: (read: LineRead) => Promise<unknown>): Promise<T> {
  let step = reads.next();
  while (!step.done) step = reads.next(await answer(step.value));
  return step.value;
}

/**
 * From the waiting groups' (users') counts, each capped at `rounds` (`w`) and whether they are
 * ahead of the one asked about (`ahead`, `n` of them alike): for each round r from 1 to `rounds`,
 * how many jobs are ahead of its round-r job.
 */
export function aheadByRound(rows: ReadonlyArray<{ w: number; ahead: number; n: number }>, rounds: number): number[] {
  return Array.from({ length: rounds }, (_, i) => {
    const round = i + 1;
    let ahead = 0;
    for (const r of rows) ahead += r.n * (Math.min(r.w, round - 1) + (r.ahead && r.w >= round ? 1 : 0));
    return ahead;
  });
}

