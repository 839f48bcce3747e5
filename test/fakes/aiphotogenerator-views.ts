// How the fake aiphotogenerator.net describes an image. The real lookup is undocumented; the
// default shape is the one framebot assumes (GET /api/images/{id}, status 0–3, `url`), and the
// shape options change it so tests can prove framebot's AIPHOTOGENERATOR_* overrides.
import type { GenerateRequest } from './aiphotogenerator-validate.ts';

export type FakeImageStatus = 'queued' | 'processing' | 'finished' | 'failed';

export interface FakeImage {
  id: string;
  /** The validated generate request that queued it. */
  request: GenerateRequest;
  status: FakeImageStatus;
  createdAt: string;
  /** Why it failed, when it did. */
  error?: string;
  /** Fails instead of finishing when auto mode gets there (failImages). */
  failing: boolean;
  /** Auto mode leaves it where it is until finish/fail/progress (a slow generation). */
  held: boolean;
}

export interface FakeShape {
  /** Lookup path below /api with {id}; default /images/{id}. */
  lookupPath?: string;
  /** What each state is called in answers; default queued 0, processing 1, finished 2, failed 3. */
  statuses?: Partial<Record<FakeImageStatus, number | string>>;
  /** Where a finished image's URL goes; a dotted path nests it (result.src). Default url. */
  urlField?: string;
  /** Answer a lookup (and a webhook) as { image: {…} } or { data: {…} } instead of the bare image. */
  wrap?: 'image' | 'data';
}

export const DEFAULT_STATUSES: Readonly<Record<FakeImageStatus, number | string>> = { queued: 0, processing: 1, finished: 2, failed: 3 };

export function statusCode(shape: FakeShape, status: FakeImageStatus): number | string {
  return shape.statuses?.[status] ?? DEFAULT_STATUSES[status];
}

/** Where the fake serves an image's PNG (no token needed, like a public CDN). */
export function fileUrl(origin: string, id: string): string {
  return `${origin}/files/${id}.png`;
}

/** The image as a lookup answers it (and a webhook posts it), in the configured shape. */
export function imageJson(image: FakeImage, shape: FakeShape, origin: string): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: image.id,
    status: statusCode(shape, image.status),
    model: image.request.model,
    prompt: image.request.prompt,
    width: image.request.width,
    height: image.request.height,
    created_at: image.createdAt,
  };
  if (image.status === 'finished') setPath(json, shape.urlField ?? 'url', fileUrl(origin, image.id));
  if (image.status === 'failed') json.error = image.error ?? 'Generation failed';
  return shape.wrap ? { success: true, [shape.wrap]: json } : json;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const key of keys.slice(0, -1)) {
    const next = (at[key] ??= {}) as Record<string, unknown>;
    at = next;
  }
  at[keys.at(-1)!] = value;
}

/** A matcher for the lookup path (with its query, if the template has one): the id, or undefined. */
export function lookupMatcher(template: string): (pathAndQuery: string) => string | undefined {
  const [before, after] = template.split('{id}') as [string, string];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^/api${escape(before)}([^/?&#]+)${escape(after)}$`);
  return (pathAndQuery) => {
    const m = re.exec(pathAndQuery);
    return m ? decodeURIComponent(m[1]!) : undefined;
  };
}

/** created_at as the API page shows it: ISO-8601 with microseconds. */
export function createdAt(now = new Date()): string {
  return now.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
