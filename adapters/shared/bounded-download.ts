import { UserError } from '../../src/core/errors.ts';
import { msg } from '../../src/i18n/index.ts';

/** The refusal a user sees for a file over a limit (in MB to one decimal, or in whole KB under 1 MB). */
export function fileTooLarge(name: string, maxBytes: number): UserError {
  const mb = maxBytes >= 1024 * 1024;
  const size = mb ? Math.round((maxBytes / (1024 * 1024)) * 10) / 10 : Math.ceil(maxBytes / 1024);
  return new UserError('file_too_large', msg('error-file-too-large', { name, size, unit: mb ? 'mb' : 'kb' }), { maxBytes });
}

/**
 * Reads a download's body, refusing as soon as it passes `maxBytes` (by its declared length, or
 * while streaming), so a huge or lying upload never fills memory.
 */
export async function readBounded(res: Response, name: string, maxBytes: number): Promise<Uint8Array> {
  if (!res.body) throw new Error('the download has no body');
  const declared = Number(res.headers.get('content-length'));
  if (res.headers.has('content-length') && Number.isFinite(declared) && declared > maxBytes) {
    await res.body.cancel().catch(() => undefined);
    throw fileTooLarge(name, maxBytes);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw fileTooLarge(name, maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
