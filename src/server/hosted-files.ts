import { randomBytes } from 'node:crypto';
import type { HostedImage, ImageHost } from '../providers/types.ts';
import type { HostedFilesRepository } from '../store/records/hosted-files.ts';

/** The URL path hosted files are served under. */
export const FILES_PATH = '/files/';
/** An image service fetches a reference within minutes; an hour leaves room for a queue. */
const DEFAULT_TTL_MS = 60 * 60_000;
/** Unguessable names only: 128 random bits and the image's type. */
const NAME = /^[A-Za-z0-9_-]{22}\.(png|jpeg|webp|gif)$/;

/**
 * Reference images the bot serves itself, for an image service that cannot take uploads
 * (aiphotogenerator.net fetches `input` by URL) when a chat holds the image only privately
 * (a Telegram file URL carries the bot token). Files are kept in the store under random names, so
 * every instance behind a load balancer serves them at PUBLIC_URL/files/<name>, until `ttlMs` ends
 * and the sweep deletes them. (Builds before issue 11 kept them in a `hosted/` folder beside the
 * database; nothing reads it any more, and it can be deleted.)
 */
export class HostedFiles implements ImageHost {
  private readonly ttlMs: number;

  constructor(private readonly opts: { files: HostedFilesRepository; publicUrl: string; ttlMs?: number; now?: () => number }) {
    this.ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  async upload(image: HostedImage): Promise<string> {
    const ext = /^image\/(png|jpeg|webp|gif)$/.exec(image.contentType)?.[1];
    if (!ext) throw new Error(`cannot host a file of type ${image.contentType}`);
    const name = `${randomBytes(16).toString('base64url')}.${ext}`;
    const now = this.now();
    await this.opts.files.put({ name, contentType: `image/${ext}`, content: Buffer.from(image.bytes), createdAt: now, expiresAt: now + this.ttlMs });
    return `${this.opts.publicUrl}${FILES_PATH}${name}`;
  }

  /** A hosted file by its name, while it lasts; undefined for any other name. */
  async read(name: string): Promise<{ bytes: Buffer; contentType: string } | undefined> {
    if (!NAME.test(name)) return undefined;
    const file = await this.opts.files.get(name, this.now());
    return file && { bytes: file.content, contentType: file.contentType };
  }

  /** Deletes the files past their time (from the store, for every instance); returns how many. */
  sweep(): Promise<number> {
    return this.opts.files.sweep(this.now());
  }
}
