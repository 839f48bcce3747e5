import { describe, expect, it } from 'vitest';
import type { NewPhotoFile, NewPhotoSet, PhotoFile } from '../../../src/store/records/photos.ts';
import { T, newTask, storePerTest, type StoreFactory } from './engine.ts';

/** PhotosRepository: one open set per person and chat, unique model names, guarded status changes, files once each. */
export function photosContract(open: StoreFactory): void {
  describe('photos', () => {
    const engine = storePerTest(open);
    const photos = () => engine().store.photos;
    const newSet = (id: string, over: Partial<NewPhotoSet> = {}): NewPhotoSet => ({
      id,
      platform: 'telegram',
      chatId: '-100',
      userId: '7',
      userName: '@ana',
      gender: 'female',
      ethnicity: 'any',
      age: 30,
      expiresAt: T + 86_400_000,
      ...over,
    });
    /** A photo's bytes: distinct per hash, and with every byte value, so a blob that lost or changed any shows. */
    const content = (sha256: string) => Buffer.concat([Buffer.from(sha256), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
    const file = (setId: string, sha256: string): NewPhotoFile => ({ setId, sha256, bytes: content(sha256).length, width: 600, height: 800, contentType: 'image/jpeg', content: content(sha256) });
    /** The same photo as listed: no bytes, and no disk path (that is for photos of older builds). */
    const listed = (setId: string, sha256: string): PhotoFile => {
      const { content: _, ...rest } = file(setId, sha256);
      return { ...rest, path: '' };
    };
    /** Tasks a set's preparation and training point at. */
    async function tasks(...ids: string[]) {
      for (const id of ids) await engine().store.tasks.insert(newTask(id), T);
    }

    it('opens one collecting set per person and chat', async () => {
      const set = await photos().create(newSet('s1'), T);
      expect(set).toMatchObject({ ...newSet('s1'), status: 'collecting', name: null, shared: false, trainAttempts: 0, createdAt: T, prepareTaskId: null, trainingId: null });
      expect(await photos().get('s1')).toEqual(set);
      expect((await photos().open('telegram', '-100', '7'))?.id).toBe('s1');
      await expect(photos().create(newSet('s2'), T)).rejects.toThrow();
      expect(await photos().get('s2')).toBeUndefined();
      await photos().create(newSet('s3', { chatId: '-200' }), T);
      await photos().create(newSet('s4', { userId: '8' }), T);
      await photos().create(newSet('s5', { platform: 'discord' }), T);
      // Once it has left collecting, the person may open another.
      await tasks('prep1');
      expect(await photos().startPreparing('s1', 'me', 'prep1', T + 1)).toBe(true);
      expect(await photos().open('telegram', '-100', '7')).toBeUndefined();
      await photos().create(newSet('s6'), T + 2);
    });

    it('moves a set collecting → preparing → training → ready, each step only from the state before it', async () => {
      await tasks('prep1', 'train1');
      await photos().create(newSet('s1'), T);
      expect(await photos().startTraining('s1', 'train1', T)).toBe(false);
      expect(await photos().markReady('s1', 'tr-1', 'TOK', T)).toBe(false);
      expect(await photos().startPreparing('s1', 'me', 'prep1', T + 1)).toBe(true);
      expect(await photos().startPreparing('s1', 'me', 'prep1', T + 1)).toBe(false);
      expect(await photos().get('s1')).toMatchObject({ status: 'preparing', name: 'me', prepareTaskId: 'prep1' });
      expect(await photos().startTraining('s1', 'train1', T + 2)).toBe(true);
      expect(await photos().startTraining('s1', 'train1', T + 2)).toBe(false);
      expect(await photos().markReady('s1', 'tr-1', 'TOK', T + 3)).toBe(true);
      expect(await photos().markReady('s1', 'tr-2', 'TOK', T + 3)).toBe(false);
      expect(await photos().get('s1')).toMatchObject({ status: 'ready', trainTaskId: 'train1', trainingId: 'tr-1', triggerWord: 'TOK' });
      expect(await photos().backToPrepared('s1', T + 4)).toBe(false);
      expect(await photos().markFailed('s1', T + 4)).toBe(false);
      expect((await photos().byTrainingId('tr-1'))?.id).toBe('s1');
      expect((await photos().byTask('prep1'))?.id).toBe('s1');
      expect((await photos().byTask('train1'))?.id).toBe('s1');
      expect(await photos().byTask('other')).toBeUndefined();
    });

    it('sends a training that never started back to prepared, counts attempts, and finds a set awaiting training', async () => {
      await tasks('prep1', 'train1');
      await photos().create(newSet('s1'), T);
      await photos().startPreparing('s1', 'me', 'prep1', T);
      expect(await photos().awaitingTraining('telegram', '-100', '7')).toBeUndefined();
      await engine().store.tasks.finish('prep1', { kind: 'prepared' }, T + 1);
      expect((await photos().awaitingTraining('telegram', '-100', '7'))?.id).toBe('s1');
      await photos().startTraining('s1', 'train1', T + 2);
      await photos().recordTrainingAttempt('s1', T + 2);
      expect(await photos().inProgressIds()).toEqual(['s1']);
      expect(await photos().backToPrepared('s1', T + 3)).toBe(true);
      expect(await photos().get('s1')).toMatchObject({ status: 'preparing', trainTaskId: null, trainAttempts: 1 });
      expect(await photos().markFailed('s1', T + 4)).toBe(true);
      expect(await photos().markFailed('s1', T + 5)).toBe(false);
      expect(await photos().inProgressIds()).toEqual([]);
    });

    it("keeps a person's live model names unique; a failed or deleted model frees its name", async () => {
      await tasks('p1', 'p2', 'p3');
      await photos().create(newSet('s1'), T);
      await photos().startPreparing('s1', 'me', 'p1', T);
      await photos().create(newSet('s2'), T + 1);
      await expect(photos().startPreparing('s2', 'me', 'p2', T + 1)).rejects.toThrow();
      expect((await photos().get('s2'))?.status).toBe('collecting');
      // Another person may use the name.
      await photos().create(newSet('s3', { userId: '8' }), T);
      expect(await photos().startPreparing('s3', 'me', 'p3', T + 1)).toBe(true);
      await photos().markFailed('s1', T + 2);
      expect(await photos().startPreparing('s2', 'me', 'p2', T + 3)).toBe(true);
      await photos().markDeleted('s2', T + 4);
      await photos().create(newSet('s4'), T + 5);
      expect(await photos().startPreparing('s4', 'me', 'p1', T + 5)).toBe(true);
    });

    it('shows a person their own models, newest first, and the models shared into the chat; deleted ones to nobody', async () => {
      await tasks('p1', 'p2', 'p3');
      for (const [id, userId, at, task] of [['s1', '7', 1, 'p1'], ['s2', '7', 2, 'p2'], ['s3', '8', 3, 'p3']] as const) {
        await photos().create(newSet(id, { userId }), T + at);
        await photos().startPreparing(id, id, task, T + at);
      }
      await photos().create(newSet('s4'), T + 4);
      const models = async (userId: string, chatId = '-100') => (await photos().modelsFor('telegram', userId, chatId)).map((s) => s.id);
      expect(await models('7')).toEqual(['s2', 's1']);
      expect(await models('8')).toEqual(['s3']);
      await photos().setShared('s1', true, '-100', T + 5);
      expect(await models('8')).toEqual(['s3', 's1']);
      expect(await models('8', '-200')).toEqual(['s3']);
      expect((await photos().get('s1'))?.shared).toBe(true);
      await photos().markDeleted('s1', T + 6);
      expect(await photos().get('s1')).toMatchObject({ status: 'deleted', shared: false });
      expect(await models('8')).toEqual(['s3']);
      expect(await models('7')).toEqual(['s2']);
      expect(await photos().modelsFor('discord', '7', '-100')).toEqual([]);
    });

    it('lists the collecting sets whose time ran out', async () => {
      await photos().create(newSet('s1', { expiresAt: T + 10 }), T);
      await photos().create(newSet('s2', { chatId: '-200', expiresAt: T + 20 }), T);
      expect(await photos().expiredOpenSets(T + 9)).toEqual([]);
      expect((await photos().expiredOpenSets(T + 10)).map((s) => s.id)).toEqual(['s1']);
      expect((await photos().expiredOpenSets(T + 20)).map((s) => s.id).sort()).toEqual(['s1', 's2']);
    });

    it('adds each photo to a set once, keeps them in the order added, and forgets them with the set', async () => {
      await photos().create(newSet('s1'), T);
      await photos().create(newSet('s2', { chatId: '-200' }), T);
      expect(await photos().addFile(file('s1', 'bbb'), T)).toBe(true);
      expect(await photos().addFile(file('s1', 'aaa'), T)).toBe(true);
      expect(await photos().addFile(file('s1', 'bbb'), T + 1)).toBe(false);
      expect(await photos().addFile(file('s2', 'bbb'), T)).toBe(true);
      expect(await photos().files('s1')).toEqual([listed('s1', 'bbb'), listed('s1', 'aaa')]);
      expect(await photos().countFiles('s1')).toBe(2);
      expect(await photos().hasFile('s1', 'aaa')).toBe(true);
      expect(await photos().hasFile('s1', 'ccc')).toBe(false);
      await photos().dropFiles('s2');
      expect(await photos().countFiles('s2')).toBe(0);
      await photos().remove('s1');
      expect(await photos().get('s1')).toBeUndefined();
      expect(await photos().files('s1')).toEqual([]);
      expect(await photos().contents('s1')).toEqual([]);
      expect(await photos().open('telegram', '-100', '7')).toBeUndefined();
    });

    it("keeps each photo's bytes exactly, in the order added, until the set's photos are dropped", async () => {
      await photos().create(newSet('s1'), T);
      await photos().addFile(file('s1', 'bbb'), T);
      await photos().addFile(file('s1', 'aaa'), T);
      // A second send of the same photo keeps the first one's bytes.
      await photos().addFile({ ...file('s1', 'bbb'), content: Buffer.from('other') }, T + 1);
      expect(await photos().contents('s1')).toEqual([
        { sha256: 'bbb', content: content('bbb'), path: '' },
        { sha256: 'aaa', content: content('aaa'), path: '' },
      ]);
      // A plain Uint8Array (what a decoder may hand back) is stored as well as a Buffer.
      await photos().addFile({ ...file('s1', 'ccc'), content: new Uint8Array(content('ccc')) }, T + 2);
      expect((await photos().contents('s1'))[2]).toEqual({ sha256: 'ccc', content: content('ccc'), path: '' });
      await photos().dropFiles('s1');
      expect(await photos().contents('s1')).toEqual([]);
    });

    it('locks a set inside a unit of work and answers it, so a check of its room and the insert it allows go together', async () => {
      await photos().create(newSet('s1'), T);
      const store = engine().store;
      expect(await store.transaction(async (tx) => (await tx.photos.lockSet('nope')) ?? 'none')).toBe('none');
      const addIfRoom = (sha256: string) =>
        store.transaction(async (tx) => {
          expect((await tx.photos.lockSet('s1'))?.status).toBe('collecting');
          if ((await tx.photos.countFiles('s1')) >= 2) return false;
          return tx.photos.addFile(file('s1', sha256), T);
        });
      // Whichever order the units get the lock in, only two find room.
      expect((await Promise.all([addIfRoom('a'), addIfRoom('b'), addIfRoom('c')])).sort()).toEqual([false, true, true]);
      expect(await photos().countFiles('s1')).toBe(2);
    });
  });
}
