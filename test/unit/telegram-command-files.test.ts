// Which files a Telegram command takes (the album it replies to, then its own), how they fill the
// command's attachment options, and when an album the bot saw only partly is the reason it fell short.
import { describe, expect, it } from 'vitest';
import type { Api } from 'grammy';
import type { Message } from 'grammy/types';
import { commandFiles, explainIncomplete, filesTaken, fillAttachmentOptions, incompleteAlbumText } from '../../adapters/telegram/command-files.ts';
import { RecentAlbums } from '../../adapters/telegram/recent-albums.ts';
import { blend } from '../../commands/blend.ts';
import { faceswap } from '../../commands/faceswap.ts';
import { imagine } from '../../commands/imagine.ts';
import type { RawOptions } from '../../src/core/command.ts';

const source = { api: {} as Api, apiRoot: 'http://127.0.0.1:1', token: '1:secret' };
const chat = { id: -100, type: 'supergroup', title: 'g' } as const;

let nextId = 1;
function photo(o: { album?: string; id?: number; reply?: Message } = {}): Message {
  const id = o.id ?? nextId++;
  const m = {
    message_id: id,
    date: 0,
    chat,
    from: { id: 7, is_bot: false, first_name: 'U' },
    photo: [{ file_id: `f${id}`, file_unique_id: `u${id}`, width: 10, height: 10 }],
  } as unknown as Message;
  if (o.album) m.media_group_id = o.album;
  if (o.reply) m.reply_to_message = o.reply as Message['reply_to_message'];
  return m;
}
const text = (reply?: Message): Message => ({ message_id: nextId++, date: 0, chat, text: '/blend', reply_to_message: reply }) as unknown as Message;
const names = (files: { name: string }[]) => files.map((f) => f.name);

describe('the files of a Telegram command', () => {
  it('takes every part of the album whose caption it is', () => {
    const album = [photo({ album: 'A' }), photo({ album: 'A' }), photo({ album: 'A' })];
    const got = commandFiles(source, album[0]!, album, new RecentAlbums());
    expect(got.files).toHaveLength(3);
    expect(got.incomplete).toBe(false);
  });

  it('takes the whole album when it replies to one photo of an album the bot saw', () => {
    const albums = new RecentAlbums();
    const album = [photo({ album: 'B' }), photo({ album: 'B' }), photo({ album: 'B' })];
    albums.remember(album);
    const command = text(album[1]);
    const got = commandFiles(source, command, [command], albums);
    expect(names(got.files)).toEqual(album.map((p) => `photo_u${p.message_id}.jpg`));
    expect(got.incomplete).toBe(false);
  });

  it('takes the photo replied to first, then its own (a face photo captioned /faceswap, replying to the picture)', () => {
    const picture = photo();
    const face = photo({ reply: picture });
    const got = commandFiles(source, face, [face], new RecentAlbums());
    expect(names(got.files)).toEqual([`photo_u${picture.message_id}.jpg`, `photo_u${face.message_id}.jpg`]);
    expect(got.incomplete).toBe(false);
  });

  it('knows when part of an album never reached it: an album caption alone, or a reply into an unseen album', () => {
    const captioned = photo({ album: 'C' });
    expect(commandFiles(source, captioned, [captioned], new RecentAlbums()).incomplete).toBe(true);
    const command = text(photo({ album: 'D' }));
    expect(commandFiles(source, command, [command], new RecentAlbums())).toMatchObject({ incomplete: true, files: [expect.anything()] });
    const single = text(photo());
    expect(commandFiles(source, single, [single], new RecentAlbums()).incomplete).toBe(false);
  });

  it('takes a photo captioned with the command, replying to one photo of an unseen album, as the two photos it means', () => {
    const own = photo({ reply: photo({ album: 'I' }) });
    expect(commandFiles(source, own, [own], new RecentAlbums())).toMatchObject({ incomplete: false, files: [expect.anything(), expect.anything()] });
  });

  it('forgets albums past their age and past the most it keeps', () => {
    let now = 0;
    const albums = new RecentAlbums({ maxAlbums: 2, maxAgeMs: 1000, now: () => now });
    const a = [photo({ album: 'E' }), photo({ album: 'E' })];
    albums.remember(a);
    now = 1001;
    expect(albums.albumOf(a[0]!)).toBeUndefined();
    for (const id of ['F', 'G', 'H']) albums.remember([photo({ album: id }), photo({ album: id })]);
    expect(albums.size).toBe(2);
    expect(albums.albumOf(photo({ album: 'F' }))).toBeUndefined();
    expect(albums.albumOf(photo({ album: 'H' }))).toHaveLength(2);
  });
});

describe('filling attachment options', () => {
  const files = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, download: async () => new Uint8Array() }));

  it('gives /faceswap the first file as the target and the rest as the face', () => {
    const raw: RawOptions = {};
    fillAttachmentOptions(faceswap, raw, files(3));
    expect(names(raw.target as { name: string }[])).toEqual(['f0']);
    expect(names(raw.face as { name: string }[])).toEqual(['f1', 'f2']);
  });

  it('gives a single attachment option every file, so its schema can refuse too many', () => {
    const raw: RawOptions = {};
    fillAttachmentOptions(blend, raw, files(6));
    expect(raw.image).toHaveLength(6);
  });

  it('leaves the options out when there are no files', () => {
    const raw: RawOptions = {};
    fillAttachmentOptions(faceswap, raw, []);
    expect(raw).toEqual({});
  });

  it('stops to explain a partly seen album only when the command would have taken more files', () => {
    const file = { name: 'f', download: async () => new Uint8Array() };
    expect([filesTaken(blend), filesTaken(faceswap), filesTaken(imagine)]).toEqual([5, 2, 1]);
    expect(explainIncomplete(blend, { files: [file, file], incomplete: true })).toBe(true);
    expect(explainIncomplete(blend, { files: [file, file], incomplete: false })).toBe(false);
    expect(explainIncomplete(faceswap, { files: [file, file], incomplete: true })).toBe(false);
    expect(explainIncomplete(imagine, { files: [file], incomplete: true })).toBe(false);
  });

  it('tells a group how to get round privacy mode, and a private chat to send the album again', () => {
    expect(incompleteAlbumText('blend', false)).toMatch(/admin here or my privacy mode is off.*send the second photo with \/blend as its caption, as a reply to the first/);
    expect(incompleteAlbumText('faceswap', true)).toMatch(/Send them again as one album with \/faceswap as its caption/);
  });
});
