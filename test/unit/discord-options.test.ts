import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { IncomingAttachment } from '../../src/core/chat.ts';
import type { CommandSpec } from '../../src/core/command.ts';
import { UserError } from '../../src/core/errors.ts';
import { readOptions, toIncomingAttachment } from '../../adapters/discord/options.ts';
import { content, fit } from '../../adapters/discord/format.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const size = Number(new URL(req.url!, 'http://x').searchParams.get('size'));
    const chunked = req.url!.includes('chunked');
    res.writeHead(200, chunked ? { 'content-type': 'image/png' } : { 'content-type': 'image/png', 'content-length': String(size) });
    // Chunked answers hide the size, so only counting while streaming catches an oversized file.
    let left = size;
    const push = () => {
      while (left > 0) {
        const n = Math.min(left, 16 * 1024);
        left -= n;
        if (!res.write(Buffer.alloc(n, 1))) return void res.once('drain', push);
      }
      res.end();
    };
    push();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const attachment = (url: string, size: number) =>
  toIncomingAttachment({ name: 'cat.png', url, contentType: 'image/png', size, width: 64, height: 32 });

describe('Discord attachments', () => {
  it('maps the fields and uses the Discord URL as the public URL', () => {
    const a = attachment(`${base}/a.png?size=10`, 10);
    expect(a).toMatchObject({ name: 'cat.png', publicUrl: `${base}/a.png?size=10`, contentType: 'image/png', size: 10, width: 64, height: 32 });
  });

  it('downloads files within the limit', async () => {
    const bytes = await attachment(`${base}/a.png?size=5000`, 5000).download(10_000);
    expect(bytes.byteLength).toBe(5000);
  });

  it('refuses a file whose declared size or content-length is over the limit', async () => {
    await expect(attachment(`${base}/a.png?size=5000`, 5000).download(1000)).rejects.toBeInstanceOf(UserError);
    await expect(attachment(`${base}/a.png?size=5000`, 10).download(1000)).rejects.toThrow(/larger than/);
  });

  it('stops reading a chunked download as soon as it passes the limit', async () => {
    await expect(attachment(`${base}/chunked.png?size=${3 * 1024 * 1024}`, 10).download(100_000)).rejects.toThrow(/larger than 98 KB/);
  });
});

describe('readOptions', () => {
  const spec: CommandSpec = {
    name: 't',
    description: 't',
    options: [
      { type: 'string', name: 'prompt', description: 'p' },
      { type: 'integer', name: 'n', description: 'n' },
      { type: 'attachment', name: 'image', description: 'i', max: 2 },
    ],
    input: z.any(),
    slow: false,
    run: async () => {},
  };
  const file = { name: 'a.png', url: 'https://cdn.example/a.png', contentType: 'image/png', size: 3, width: null, height: null };
  const fake = (values: Record<string, unknown>) => ({
    options: { get: (name: string) => (name in values ? (name.startsWith('image') ? { attachment: values[name] } : { value: values[name] }) : null) },
  });

  it('collects values and the image, image2 slots into one list', () => {
    const raw = readOptions(fake({ prompt: 'fox', n: 2, image2: file }) as never, spec);
    expect(raw.prompt).toBe('fox');
    expect(raw.n).toBe(2);
    expect((raw.image as IncomingAttachment[]).map((a) => a.publicUrl)).toEqual(['https://cdn.example/a.png']);
  });

  it('leaves absent options undefined', () => {
    expect(readOptions(fake({}) as never, spec)).toEqual({});
  });
});

describe('format', () => {
  it('escapes markdown, masked links and headings', () => {
    expect(content('**bold** [x](https://e.xyz) _i_')).toBe('\\*\\*bold\\*\\* \\[x](https://e.xyz) \\_i\\_');
    expect(content('# big')).toBe('\\# big');
  });

  it('fits content into 2000 characters without a dangling escape', () => {
    const long = content('*'.repeat(3000));
    expect(long.length).toBeLessThanOrEqual(2000);
    expect(long.endsWith('…')).toBe(true);
    expect(/(^|[^\\])(\\\\)*\\…$/.test(long)).toBe(false);
    expect(fit('abc', 10)).toBe('abc');
  });
});
