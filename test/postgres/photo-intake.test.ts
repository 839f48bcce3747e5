// Issue 11: a user's photos may reach different instances at once. Whether a photo still fits in
// the set, and whether it is a duplicate, is decided under the set's row lock (SELECT … FOR UPDATE)
// in one unit of work with the insert, so two instances adding at once cannot both take the last
// place, whatever order their statements run in.
import { expect, it } from 'vitest';
import { createPostgresStore, type PostgresStore } from '../../src/store/postgres/store.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import type { Pool } from '../../src/store/postgres/pool.ts';
import type { IncomingAttachment } from '../../src/core/chat.ts';
import { MAX_PHOTOS, MIN_PHOTOS } from '../../src/core/photos.ts';
import { walletIdFor } from '../../src/core/credits.ts';
import { makePng } from '../fakes/png.ts';
import { scope } from '../support/memory-chat.ts';
import { testProvider } from '../support/provider.ts';
import { testServices, type TestServices } from '../support/services.ts';
import { describePostgres } from '../support/postgres.ts';

const ana = scope();
const provider = testProvider({ submit: async () => ({ providerTaskId: 'x' }) });

function photo(n: number): IncomingAttachment {
  const bytes = makePng(512, 512, [n % 256, (n * 7) % 256, (n * 13) % 256]);
  return { name: `photo-${n}.png`, contentType: 'image/png', size: bytes.length, download: async () => bytes };
}

describePostgres('photo intake across instances on one PostgreSQL database', (server) => {
  /**
   * Two bot instances' stores and services. They share one pool (each unit of work still has a
   * connection of its own, which is what the lock is about); the pool also serves to look on.
   */
  async function twoInstances(): Promise<{ a: TestServices; b: TestServices; store: PostgresStore; watch: Pool }> {
    const watch = server.pool(await server.newDatabase());
    await migratePostgres(watch);
    const storeA = createPostgresStore(watch);
    const storeB = createPostgresStore(watch);
    return { a: testServices(storeA, provider), b: testServices(storeB, provider), store: storeA, watch };
  }

  /** A set with `count` photos in it, filled through the repository (no decoding needed). */
  async function setWith(s: TestServices, store: PostgresStore, count: number): Promise<string> {
    const set = await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    for (let i = 0; i < count; i++) {
      await store.photos.addFile({ setId: set.id, sha256: `pre-${i}`, bytes: 1, width: 512, height: 512, contentType: 'image/jpeg', content: Buffer.from([i]) }, i);
    }
    return set.id;
  }

  /**
   * Runs `adds` while another unit holds the set's lock, releasing it only once every add waits on
   * that lock in PostgreSQL: then they all decide after the holder and one after another, which
   * only the lock can make happen. Without it (a plain read of the set), none would wait, and this
   * gives up after a bounded number of looks.
   */
  async function underHeldLock<T>(store: PostgresStore, watch: Pool, setId: string, adds: Array<() => Promise<T>>): Promise<T[]> {
    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((resolve) => (locked = resolve));
    const holder = store.transaction(async (tx) => {
      await tx.photos.lockSet(setId);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await held;
    const running = adds.map((add) => add());
    let waiting = 0;
    for (let look = 0; look < 500 && waiting < adds.length; look++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { rows } = await watch.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM photo_sets%FOR UPDATE%'`,
      );
      waiting = rows[0]!.n;
    }
    release();
    await holder;
    expect(waiting, 'every add waits on the set’s lock').toBe(adds.length);
    return Promise.all(running);
  }

  it('of two instances adding a photo at once to a set with room for one, stores exactly one and tells the other the set is full', async () => {
    const { a, b, store, watch } = await twoInstances();
    const setId = await setWith(a, store, MAX_PHOTOS - 1);
    const reports = await underHeldLock(store, watch, setId, [() => a.photos.add(ana, [photo(1)]), () => b.photos.add(ana, [photo(2)])]);
    expect(reports.map((r) => r.added).sort()).toEqual([0, 1]);
    expect(reports.flatMap((r) => r.refused.map((x) => x.reason))).toEqual([`was not added: the set is full (${MAX_PHOTOS} photos)`]);
    expect(await store.photos.countFiles(setId)).toBe(MAX_PHOTOS);
    expect(reports.find((r) => r.added === 1)!.total).toBe(MAX_PHOTOS);
  });

  it('of two instances adding the same photo at once, stores it once and calls the other a duplicate', async () => {
    const { a, b, store, watch } = await twoInstances();
    const setId = await setWith(a, store, 3);
    const reports = await underHeldLock(store, watch, setId, [() => a.photos.add(ana, [photo(7)]), () => b.photos.add(ana, [photo(7)])]);
    expect(reports.map((r) => r.added).sort()).toEqual([0, 1]);
    expect(reports.flatMap((r) => r.refused.map((x) => x.reason))).toEqual(['is a duplicate of a photo already in the set']);
    expect(await store.photos.countFiles(setId)).toBe(4);
  });

  it('a photo another instance adds while /photos train is starting stops the training, charging nothing, so no photo is uploaded unpaid', async () => {
    const { a, b, store } = await twoInstances();
    const setId = await setWith(a, store, MIN_PHOTOS);
    await a.credits.grant(walletIdFor(ana), 1_000, ana);
    const before = await a.credits.wallet(walletIdFor(ana));
    // Right after a counts the set, b adds the eleventh photo.
    const count = store.photos.countFiles.bind(store.photos);
    let raced = false;
    store.photos.countFiles = async (id) => {
      const n = await count(id);
      if (!raced) {
        raced = true;
        await b.photos.add(ana, [photo(11)]);
      }
      return n;
    };
    await expect(a.photos.train(ana, 'ana', a.chat.responder(ana))).rejects.toThrow(`A photo arrived as the training was starting, so nothing was charged: your set now has ${MIN_PHOTOS + 1} photos.`);
    expect(raced).toBe(true);
    expect((await store.photos.get(setId))?.status).toBe('collecting');
    expect((await a.credits.wallet(walletIdFor(ana))).balance).toBe(before.balance);
    expect(await store.tasks.countUnfinished()).toBe(0);
  });

  it('a training another instance started first (its start-up, this one\'s follow-up) is left to it: no "did not start" message, one training', async () => {
    const submitted: string[] = [];
    const recording = testProvider({ submit: async (job) => (submitted.push(job.type), { providerTaskId: `${job.type}-${submitted.length}` }) });
    const watch = server.pool(await server.newDatabase());
    await migratePostgres(watch);
    const store = createPostgresStore(watch);
    const a = testServices(store, recording);
    const b = testServices(createPostgresStore(watch), recording);
    await setWith(a, store, MIN_PHOTOS);
    await a.credits.grant(walletIdFor(ana), 1_000, ana);
    await a.photos.train(ana, 'ana', a.chat.responder(ana));
    const [prepare] = await store.tasks.listUnfinished(1);
    // The preparation finished while its follow-up had not run yet (a restart, or another instance).
    await store.tasks.finish(prepare!.id, { kind: 'prepared' }, Date.now());
    // Just as a records its attempt, b's start-up starts the training.
    const record = store.photos.recordTrainingAttempt.bind(store.photos);
    store.photos.recordTrainingAttempt = async (id, now) => {
      store.photos.recordTrainingAttempt = record;
      await b.photos.resume();
      return record(id, now);
    };
    await a.photos.resume();
    expect(submitted).toEqual(['photo.prepare', 'photo.train']);
    expect([...a.chat.events, ...b.chat.events].filter((e) => e.kind === 'failure' || e.kind === 'error').map((e) => e.text)).toEqual([]);
  });

  it('refuses a photo whose set left collecting while it was being decoded (a /photos train on another instance)', async () => {
    const { a, b, store } = await twoInstances();
    const setId = await setWith(a, store, 3);
    // The add passes the early checks, then finds the set preparing once it holds the lock.
    const add = b.photos.add(ana, [{ ...photo(9), download: async () => (await store.photos.startPreparing(setId, 'ana', await preparingTask(store), 1), photo(9).download(0)) }]);
    const report = await add;
    expect(report.refused.map((r) => r.reason)).toEqual(['was not added: the set is no longer open']);
    expect(await store.photos.countFiles(setId)).toBe(3);
  });
});

/** A task for a set's preparation to point at. */
async function preparingTask(store: PostgresStore): Promise<string> {
  await store.tasks.insert(
    { id: 'prep-1', job: { type: 'mj.imagine', prompt: 'x' }, parentId: null, prompt: 'x', label: 'x', platform: 'telegram', guildId: null, chatId: '-100', userId: '7', userName: '@ana', deadlineAt: 10, walletId: null, cost: 0 },
    1,
  );
  return 'prep-1';
}
