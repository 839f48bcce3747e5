import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostedImage, ImageHost } from '../providers/types.ts';

/** The URL path hosted files are served under. */
export const FILES_PATH = '/files/';
/** An image service fetches a reference within minutes; an hour leaves room for a queue. */
const DEFAULT_TTL_MS = 60 * 60_000;
/** Unguessable names only: 128 random bits and the image's type. */
const NAME = /^[A-Za-z0-9_-]{22}\.(png|jpeg|webp|gif)$/;
const TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };

/**
 * Reference images the bot serves itself, for an image service that cannot take uploads
 * (aiphotogenerator.net fetches `input` by URL) when a chat holds the image only privately
 * (a Telegram file URL carries the bot token). Files sit beside the database under random names,
 * are served at PUBLIC_URL/files/<name>, and are deleted after `ttlMs`.
 */
export class HostedFiles implements ImageHost {
  private readonly ttlMs: number;

  constructor(private readonly opts: { dir: string; publicUrl: string; ttlMs?: number; now?: () => number }) {
    this.ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
    mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  async upload(image: HostedImage): Promise<string> {
    const ext = /^image\/(png|jpeg|webp|gif)$/.exec(image.contentType)?.[1];
    if (!ext) throw new Error(`cannot host a file of type ${image.contentType}`);
    const name = `${randomBytes(16).toString('base64url')}.${ext}`;
    await writeFile(join(this.opts.dir, name), image.bytes, { mode: 0o600 });
    return `${this.opts.publicUrl}${FILES_PATH}${name}`;
  }

  /** A hosted file by its name, while it lasts; undefined for any other name. */
  async read(name: string): Promise<{ bytes: Buffer; contentType: string } | undefined> {
    if (!NAME.test(name)) return undefined;
    const path = join(this.opts.dir, name);
    try {
      if (this.expired((await stat(path)).mtimeMs)) return undefined;
      return { bytes: await readFile(path), contentType: TYPES[name.slice(name.lastIndexOf('.') + 1)]! };
    } catch {
      return undefined;
    }
  }

  /** Deletes the files past their time; returns how many. */
  async sweep(): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.opts.dir).catch(() => [] as string[])) {
      const path = join(this.opts.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && this.expired(info.mtimeMs)) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  private expired(writtenAt: number): boolean {
    return this.now() - writtenAt >= this.ttlMs;
  }
}
