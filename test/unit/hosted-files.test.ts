// Issue 9: a service that takes no uploads fetches reference images by URL. A photo a chat holds
// only privately (Telegram's file URLs carry the bot token) is then served by the bot itself, at an
// unguessable URL under PUBLIC_URL, for an hour.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostedFiles } from '../../src/server/hosted-files.ts';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { HttpServer } from '../../src/server/http.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { imageUrls } from '../../commands/images.ts';
import type { IncomingAttachment } from '../../src/core/chat.ts';
import { makePng } from '../fakes/png.ts';
import { testProvider } from '../support/provider.ts';
import { memoryLogger } from '../support/silent-log.ts';

let store: SqliteStore;
let clock: number;
let hosted: HostedFiles;
let server: HttpServer;
let base: string;
const png = makePng(64, 64, [200, 40, 40]);

beforeEach(async () => {
  store = createStore(':memory:');
  clock = Date.now();
  server = new HttpServer({ port: 0, host: '127.0.0.1', webhookAt: () => undefined, onUpdate: async () => undefined, log: memoryLogger([], 'silent').log, health: () => ({}), files: { read: (n) => hosted.read(n) } });
  base = `http://127.0.0.1:${await server.listen()}`;
  hosted = new HostedFiles({ files: store.hostedFiles, publicUrl: base, ttlMs: 60_000, now: () => clock });
});
afterEach(async () => {
  await server.close();
  await store.close();
});

/** A photo as Telegram hands it over: no public URL, bytes only through the bot. */
const privatePhoto = (name: string, bytes: Uint8Array = png): IncomingAttachment => ({ name, contentType: 'image/png', size: bytes.length, download: async () => bytes });

describe('reference images the bot hosts', () => {
  it('serves an uploaded image at an unguessable URL under the public address, as the image it is', async () => {
    const url = await hosted.upload({ bytes: png, filename: 'cat.png', contentType: 'image/png' });
    expect(url).toMatch(new RegExp(`^${base}/files/[A-Za-z0-9_-]{22}\\.png$`));
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(png));
  });

  it('answers 404 for names it did not give out, and for paths that try to leave /files/', async () => {
    await hosted.upload({ bytes: png, filename: 'cat.png', contentType: 'image/png' });
    for (const path of ['/files/nothing.png', '/files/..%2F..%2Fetc%2Fpasswd', '/files/', `/files/${'a'.repeat(22)}.png`, '/files/%2e%2e%2Fbot.sqlite']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });

  it('stops serving a file after its time and sweeps it away', async () => {
    const url = await hosted.upload({ bytes: png, filename: 'cat.png', contentType: 'image/png' });
    clock += 61_000;
    expect((await fetch(url)).status).toBe(404);
    expect(await hosted.sweep()).toBe(1);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM hosted_files').get()).toEqual({ n: 0 });
  });

  it('serves a file from the shared store, so another instance on the same database serves it too', async () => {
    const url = await hosted.upload({ bytes: png, filename: 'cat.png', contentType: 'image/png' });
    const other = new HostedFiles({ files: store.hostedFiles, publicUrl: 'http://other.example', ttlMs: 60_000, now: () => clock });
    expect(await other.read(url.slice(url.lastIndexOf('/') + 1))).toEqual({ bytes: Buffer.from(png), contentType: 'image/png' });
  });

  it('hosts only images', async () => {
    await expect(hosted.upload({ bytes: new Uint8Array([60, 104, 116, 109, 108]), filename: 'x.html', contentType: 'text/html' })).rejects.toThrow(/cannot host/);
  });
});

describe('where a private photo gets its public URL', () => {
  const noUploads = testProvider({ id: 'svc', handles: (t) => t === 'gen.image', submit: async () => ({ providerTaskId: 'x' }), upload: undefined });

  it('is the bot itself when no provider takes uploads', async () => {
    const [url] = await imageUrls({ providers: new ProviderRegistry([noUploads], hosted) }, [privatePhoto('cat.png')]);
    expect(url!.startsWith(`${base}/files/`)).toBe(true);
    expect((await fetch(url!)).status).toBe(200);
  });

  it('is a provider that takes uploads, when there is one', async () => {
    const uploading = testProvider({ submit: async () => ({ providerTaskId: 'x' }), upload: async () => 'https://cdn.example/copy.png' });
    expect(await imageUrls({ providers: new ProviderRegistry([noUploads, uploading], hosted) }, [privatePhoto('cat.png')])).toEqual(['https://cdn.example/copy.png']);
  });

  it('is nowhere without either: the user is told, and nothing is copied', async () => {
    await expect(imageUrls({ providers: new ProviderRegistry([noUploads]) }, [privatePhoto('cat.png')])).rejects.toMatchObject({ code: 'no_image_host' });
  });
});
