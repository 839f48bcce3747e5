/** Result images streamed from their URL into a Telegram upload, never buffered whole. */
import { Readable } from 'node:stream';
import { InputFile } from 'grammy';
import type { ResultImage } from '../../src/core/chat.ts';

const IMAGE_FETCH_TIMEOUT_MS = 120_000;

/** Opens the image for streaming; `size` when the server says it. */
export async function openImage(url: string): Promise<{ stream: Readable; size?: number }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(IMAGE_FETCH_TIMEOUT_MS) });
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`could not fetch the result image: HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length'));
  const stream = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  return Number.isFinite(declared) && res.headers.has('content-length') ? { stream, size: declared } : { stream };
}

/**
 * The image as an upload. The file is a supplier, so a retried call (auto-retry after a 429)
 * streams the image afresh instead of failing on a used-up stream.
 */
export function imageUpload(image: ResultImage, opened?: Readable): InputFile {
  let ready = opened;
  return new InputFile(async () => {
    const stream = ready ?? (await openImage(image.url)).stream;
    ready = undefined;
    return stream;
  }, image.filename);
}
