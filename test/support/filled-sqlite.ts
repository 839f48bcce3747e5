/**
 * A SQLite database as a bot in use leaves it, written through the real repositories: wallets with
 * grants, reservations, captures and refunds; tasks with parts and children; buttons; photo sets
 * (shared and not) with files; inbox rows; settings; asks; drafts; access lists and a refusal.
 */
import { join } from 'node:path';
import { createStore } from '../../src/store/index.ts';

export const GROUP_WALLET = 'telegram:group:-100';
export const USER_WALLET = 'discord:user:42';
export const EMPTY_WALLET = 'discord:guild:7';

const T0 = 1_764_000_000_000;

/** Writes the database at `dir`/framebot.sqlite and closes it; answers its path. */
export async function filledSqlite(dir: string, opts: { grants?: number } = {}): Promise<string> {
  const path = join(dir, 'framebot.sqlite');
  const store = createStore(path);
  try {
    let now = T0;
    const tick = () => (now += 1_000);
    const { wallets, tasks, actions, photos } = store;

    await wallets.create(GROUP_WALLET, 'telegram', 'group', tick());
    await wallets.create(USER_WALLET, 'discord', 'user', tick());
    await wallets.create(EMPTY_WALLET, 'discord', 'group', tick());
    await wallets.setMemberDailyCap(GROUP_WALLET, 12, tick());
    for (let i = 1; i <= (opts.grants ?? 30); i++) await wallets.move(GROUP_WALLET, 10, { kind: 'grant', userId: '1', userName: '@admin', note: `grant ${i}`, origin: `tg:update:${i}` }, tick());
    await wallets.move(USER_WALLET, 25, { kind: 'grant', note: 'welcome credits' }, tick());
    await wallets.move(USER_WALLET, -5, { kind: 'adjust', userId: '9', userName: 'op', note: 'taken by an operator', origin: 'dc:int:1' }, tick());

    const base = { platform: 'telegram' as const, guildId: null, chatId: '-100', userId: '7', userName: '@ana', label: 'Imagine' };
    // An imagine, charged, finished and captured, with its four buttons.
    await tasks.insert({ ...base, id: 'task-grid', job: { type: 'mj.imagine', prompt: 'a fox' }, parentId: null, prompt: 'a fox', deadlineAt: now + 600_000, walletId: GROUP_WALLET, cost: 4 }, tick());
    await wallets.move(GROUP_WALLET, -4, { kind: 'reserve', userId: '7', userName: '@ana', taskId: 'task-grid', note: 'Imagine' }, tick());
    await tasks.markSubmitted('task-grid', 'apiframe', ['pf-grid'], tick());
    await tasks.recordProgress('task-grid', 40, tick());
    await tasks.settlePart('apiframe', 'pf-grid', { state: 'finished', result: { kind: 'grid', gridUrl: 'http://127.0.0.1/g.png', imageUrls: ['http://127.0.0.1/1.png'] } }, tick());
    await tasks.finish('task-grid', { kind: 'grid', gridUrl: 'http://127.0.0.1/g.png', imageUrls: ['http://127.0.0.1/1.png'] }, tick());
    await tasks.setMessage('task-grid', { platform: 'telegram', chatId: '-100', messageId: '55' }, tick());
    await wallets.move(GROUP_WALLET, 0, { kind: 'capture', userId: '7', userName: '@ana', taskId: 'task-grid', note: 'Imagine' }, tick());
    for (const n of [4, 3, 2, 1]) await actions.insert({ id: `act-u${n}`, taskId: 'task-grid', kind: 'upscale', arg: String(n), platform: 'telegram', chatId: '-100', createdAt: tick() });
    await actions.insert({ id: 'act-reroll', taskId: 'task-grid', kind: 'reroll', arg: null, platform: 'telegram', chatId: '-100', createdAt: tick() });

    // A child (an upscale from a button) that failed and was refunded.
    await tasks.insert({ ...base, id: 'task-up', job: { type: 'mj.upscale', parent: 'pf-grid', index: 2 }, parentId: 'task-grid', actionKey: 'upscale:2', prompt: 'a fox', label: 'U2', deadlineAt: now + 600_000, walletId: GROUP_WALLET, cost: 1 }, tick());
    await actions.recordUse('act-u2', 'task-up', tick(), 1_000);
    await wallets.move(GROUP_WALLET, -1, { kind: 'reserve', userId: '7', userName: '@ana', taskId: 'task-up', note: 'U2' }, tick());
    await tasks.markSubmitted('task-up', 'apiframe', ['pf-up'], tick());
    await tasks.settlePart('apiframe', 'pf-up', { state: 'failed', error: 'the service said no' }, tick());
    await tasks.fail('task-up', 'the service said no', tick());
    await wallets.move(GROUP_WALLET, 1, { kind: 'refund', userId: '7', userName: '@ana', taskId: 'task-up', note: 'U2' }, tick());

    // A grandchild still waiting, with four parts (one image each), from a DM wallet on Discord.
    await tasks.insert(
      { ...base, platform: 'discord', guildId: null, chatId: 'dm-42', userId: '42', userName: 'bo', id: 'task-four', job: { type: 'mj.imagine', prompt: 'four owls' }, parentId: 'task-up', origin: 'dc:int:2', prompt: 'four owls', deadlineAt: now + 600_000, walletId: USER_WALLET, cost: 8 },
      tick(),
    );
    await wallets.move(USER_WALLET, -8, { kind: 'reserve', userId: '42', userName: 'bo', taskId: 'task-four', note: 'Imagine' }, tick());
    await tasks.markSubmitted('task-four', 'aiphotogenerator', ['img-4', 'img-3', 'img-2', 'img-1'], tick(), 1);
    await tasks.settlePart('aiphotogenerator', 'img-3', { state: 'finished', result: { kind: 'image', imageUrl: 'http://127.0.0.1/3.png' } }, tick());
    // A free task nobody submitted yet.
    await tasks.insert({ ...base, id: 'task-free', job: { type: 'mj.shorten', prompt: 'a very long prompt' }, parentId: null, prompt: 'a very long prompt', deadlineAt: now + 600_000, walletId: null, cost: 0 }, tick());

    // AI Photos: a shared model made from four files, and a private set still collecting.
    await photos.create({ id: 'set-shared', platform: 'telegram', chatId: '-100', userId: '7', userName: '@ana', gender: 'female', ethnicity: 'any', age: 30, expiresAt: now + 86_400_000 }, tick());
    for (const h of ['d', 'c', 'b', 'a']) await photos.addFile({ setId: 'set-shared', sha256: h.repeat(64), bytes: 1000, content: Buffer.alloc(1000, h), width: 512, height: 512, contentType: 'image/jpeg' }, tick());
    await photos.startPreparing('set-shared', 'ana', 'task-free', tick());
    await photos.setShared('set-shared', true, '-100', tick());
    await photos.create({ id: 'set-private', platform: 'discord', chatId: 'dm-42', userId: '42', userName: 'bo', gender: 'male', ethnicity: 'any', age: null, expiresAt: now + 86_400_000 }, tick());
    await photos.addFile({ setId: 'set-private', sha256: 'e'.repeat(64), bytes: 2048, content: Buffer.alloc(2048, 'e'), width: 640, height: 480, contentType: 'image/png' }, tick());

    await store.inbox.record('tg:update:900', 'telegram', { update_id: 900, message: { text: '/imagine a cat' } }, tick());
    await store.inbox.record('tg:update:901', 'telegram', { update_id: 901 }, tick());
    await store.inbox.begin('tg:update:901', 'instance-a', tick(), Date.now() + 30_000);
    await store.inbox.finish('tg:update:901', tick());
    await store.settings.put('telegram', '7', { aspectRatio: '16:9', speed: 'turbo' }, tick());
    await store.settings.put('discord', '42', {}, tick());
    await store.settings.putGroup('discord', 'g-1', { language: 'pt-BR' }, tick());
    await store.asks.put('telegram', '-100', '77', '7', { kind: 'remix', actionId: 'act-reroll' }, tick());
    await store.drafts.put({ id: 'draft-1', platform: 'telegram', chatId: '-100', userId: '7', kind: 'generate', input: { prompt: 'a castle', count: 2 }, createdAt: tick() });
    // Access lists changed at run time (a boolean both ways), and a refusal shown.
    await store.access.put({ list: 'blocked_users', target: 'telegram:9', listed: true, changedBy: 'telegram:1', changedAt: tick() });
    await store.access.put({ list: 'allowed_chats', target: 'telegram:-200', listed: false, changedBy: 'telegram:1', changedAt: tick() });
    await store.access.claimRefusal('user:telegram:9', tick(), 60_000);
    await store.rateLimits.take('telegram:user:7', 10, 60_000, tick());
    // A photo an older build kept on disk: its bytes in the store are NULL, its path is recorded.
    store.db
      .prepare(`INSERT INTO photo_files (set_id, sha256, path, bytes, width, height, content_type, content, created_at) VALUES ('set-private', ?, 'photos/set-private/f.jpg', 10, 512, 512, 'image/jpeg', NULL, ?)`)
      .run('f'.repeat(64), tick());
    // Reference images the bot hosts, one already expired (the sweep had not run yet).
    for (const [name, expiresAt] of [['a'.repeat(22) + '.png', now + 3_600_000], ['b'.repeat(22) + '.jpeg', now - 1]] as const) {
      await store.hostedFiles.put({ name, contentType: name.endsWith('png') ? 'image/png' : 'image/jpeg', content: Buffer.alloc(3000, name[0]), createdAt: tick(), expiresAt });
    }
  } finally {
    await store.close();
  }
  return path;
}
