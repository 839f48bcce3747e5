// Request validation of the fake Apiframe. Each validator returns an error
// message (sent as 400 {"errors":[{"msg": ...}]}) or null when the body is fine.
import type { FakeTask } from './apiframe.ts';
import { GRID_ENDPOINTS } from './apiframe-views.ts';

export type Body = Record<string, unknown>;
export type Lookup = (taskId: string) => FakeTask | undefined;

export const ETHNICITIES: readonly string[] = [
  'asian',
  'black',
  'latino',
  'middle eastern',
  'native american',
  'pacific islander',
  'white',
];
const ASPECT_RATIO = /^\d+:\d+$/;
const GRID_INDEX = ['1', '2', '3', '4'];
const VARIATION_INDEX = [...GRID_INDEX, 'strong', 'subtle'];

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

export function isObject(v: unknown): v is Body {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

function commonFields(body: Body): string | null {
  if (body.aspect_ratio !== undefined && (typeof body.aspect_ratio !== 'string' || !ASPECT_RATIO.test(body.aspect_ratio))) {
    return 'Invalid aspect_ratio';
  }
  if (body.webhook_url !== undefined && typeof body.webhook_url !== 'string') return 'Invalid webhook_url';
  if (body.webhook_secret !== undefined && typeof body.webhook_secret !== 'string') return 'Invalid webhook_secret';
  if (body.prompt !== undefined && typeof body.prompt !== 'string') return 'Invalid prompt';
  return null;
}

function parentTask(body: Body, lookup: Lookup): FakeTask | string {
  if (!nonEmptyString(body.parent_task_id)) return 'parent_task_id is required';
  return lookup(body.parent_task_id) ?? 'Invalid parent_task_id: task not found';
}

/** Which image formats the magic bytes announce, or null. */
export function sniffImage(data: Buffer): 'png' | 'jpeg' | 'webp' | 'gif' | null {
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47 && data.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.toString('latin1', 0, 6))) return 'gif';
  return null;
}

/** Decode a base64 image (a data: URL prefix is tolerated). */
function decodeBase64Image(s: string): Buffer {
  const m = /^data:[^;,]*;base64,/i.exec(s);
  return Buffer.from(m ? s.slice(m[0].length) : s, 'base64');
}

export function validateImagine(body: Body): string | null {
  if (!nonEmptyString(body.prompt)) return 'prompt is required';
  return commonFields(body);
}

export function validateParentAction(endpoint: 'reroll' | 'upscale-1x' | 'variations', body: Body, lookup: Lookup): string | null {
  const common = commonFields(body);
  if (common) return common;
  const parent = parentTask(body, lookup);
  if (typeof parent === 'string') return parent;
  if (endpoint === 'upscale-1x' && !(typeof body.index === 'string' && GRID_INDEX.includes(body.index))) {
    return 'index must be one of "1", "2", "3", "4"';
  }
  if (endpoint === 'variations' && !(typeof body.index === 'string' && VARIATION_INDEX.includes(body.index))) {
    return 'index must be one of "1", "2", "3", "4", "strong", "subtle"';
  }
  if (parent.status !== 'finished') return 'Parent task is not finished';
  if (endpoint === 'upscale-1x' && !GRID_ENDPOINTS.has(parent.endpoint)) {
    return 'Parent task must be an imagine, reroll or variations task';
  }
  return null;
}

/** Edits of an upscaled image: upscale-alt, outpaint (zoom), pan and upscale-highres. */
export function validateUpscaleEdit(endpoint: 'upscale-alt' | 'upscale-highres' | 'outpaint' | 'pan', body: Body, lookup: Lookup): string | null {
  const common = commonFields(body);
  if (common) return common;
  if (endpoint === 'upscale-highres' && body.parent_task_id === undefined) {
    if (!nonEmptyString(body.image_url)) return 'parent_task_id or image_url is required';
  } else {
    const parent = parentTask(body, lookup);
    if (typeof parent === 'string') return parent;
    if (parent.status !== 'finished') return 'Parent task is not finished';
    if (endpoint !== 'upscale-highres' && parent.endpoint !== 'upscale-1x') return 'Parent task must be an upscale-1x task';
  }
  switch (endpoint) {
    case 'upscale-alt':
      return body.type === 'subtle' || body.type === 'creative' ? null : 'type must be "subtle" or "creative"';
    case 'upscale-highres':
      return body.type === '2x' || body.type === '4x' ? null : 'type must be "2x" or "4x"';
    case 'outpaint': {
      const zoom = typeof body.zoom_ratio === 'string' ? Number(body.zoom_ratio) : body.zoom_ratio;
      return typeof zoom === 'number' && zoom >= 1 && zoom <= 2 ? null : 'zoom_ratio must be a number from 1 to 2';
    }
    case 'pan':
      return ['up', 'down', 'left', 'right'].includes(String(body.direction)) ? null : 'direction must be one of up, down, left, right';
  }
}

/** /seed names the task by `task_id` (not parent_task_id). */
export function validateSeed(body: Body, lookup: Lookup): string | null {
  if (!nonEmptyString(body.task_id)) return 'task_id is required';
  const task = lookup(body.task_id);
  if (!task) return 'Invalid task_id: task not found';
  return task.status === 'finished' ? null : 'Task is not finished';
}

// /describe and /shorten (apiframe-api.md §3.11–3.12).

/** /describe reads the image from `image_url`, which must be a public http(s) address. */
export function validateDescribe(body: Body): string | null {
  if (!nonEmptyString(body.image_url)) return 'image_url is required';
  let url: URL;
  try {
    url = new URL(body.image_url);
  } catch {
    return 'Invalid image_url';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Invalid image_url';
  if (body.process_mode !== undefined && body.process_mode !== 'fast' && body.process_mode !== 'turbo') return 'process_mode must be fast or turbo';
  return commonFields(body);
}

export function validateShorten(body: Body): string | null {
  if (!nonEmptyString(body.prompt)) return 'prompt is required';
  return commonFields(body);
}

export function validateAiPhotoUpload(body: Body): string | null {
  const images = body.images;
  if (!Array.isArray(images) || images.length < 10 || images.length > 30) {
    return 'images must be an array of 10 to 30 base64 images';
  }
  for (const img of images) {
    if (typeof img !== 'string') return 'Invalid image';
    const kind = sniffImage(decodeBase64Image(img));
    if (kind !== 'png' && kind !== 'jpeg') return 'Invalid image';
  }
  if (body.gender !== 'female' && body.gender !== 'male') return 'gender must be female or male';
  if (typeof body.ethnicity !== 'string' || !ETHNICITIES.includes(body.ethnicity)) {
    return `ethnicity must be one of ${ETHNICITIES.join(', ')}`;
  }
  if (body.age !== undefined && !Number.isInteger(body.age)) return 'age must be an integer';
  return commonFields(body);
}

export function validateAiPhotoTrain(body: Body, lookup: Lookup): string | null {
  if (!nonEmptyString(body.training_images_id)) return 'training_images_id is required';
  const upload = lookup(body.training_images_id);
  if (!upload || upload.endpoint !== 'ai-photo-upload') return 'Invalid training_images_id';
  if (upload.status !== 'finished') return 'Training images are not ready';
  if (body.trigger_word !== undefined && typeof body.trigger_word !== 'string') return 'Invalid trigger_word';
  return commonFields(body);
}

export function validateAiPhotoGenerate(body: Body, lookup: Lookup): string | null {
  if (!nonEmptyString(body.training_id)) return 'training_id is required';
  const train = lookup(body.training_id);
  if (!train || train.endpoint !== 'ai-photo-train') return 'Invalid training_id';
  if (train.status !== 'finished') return 'Training is not finished';
  if (!nonEmptyString(body.prompt)) return 'prompt is required';
  const trigger = String(train.result?.trigger_word ?? '');
  if (!body.prompt.includes(trigger)) return 'Prompt must contain the trigger word';
  if (body.number_of_images !== undefined && !(typeof body.number_of_images === 'string' && GRID_INDEX.includes(body.number_of_images))) {
    return 'number_of_images must be one of "1", "2", "3", "4"';
  }
  const ar = body.aspect_ratio;
  if (ar !== undefined && !(typeof ar === 'string' && (ar === 'custom' || ASPECT_RATIO.test(ar)))) return 'Invalid aspect_ratio';
  if (body.seed !== undefined && !Number.isInteger(body.seed)) return 'seed must be an integer';
  return null;
}

/** /fetch-many: task_ids must be an array of 2..20 strings. */
export function validateTaskIds(body: Body): string | null {
  const ids = body.task_ids;
  if (!Array.isArray(ids) || ids.length < 2 || ids.length > 20 || !ids.every((id) => typeof id === 'string')) {
    return 'task_ids must be an array of 2 to 20 task ids';
  }
  return null;
}

// ---- images in (blend, faceswap): apiframe-api.md §3.13 and §3.7 ----------

export const BLEND_DIMENSIONS: readonly string[] = ['square', 'portrait', 'landscape'];

/** An image the service would fetch: an absolute http(s) URL. */
function isImageUrl(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** /blend: image_urls (2 to 5 URLs) and an optional dimension. */
export function validateBlend(body: Body): string | null {
  const urls = body.image_urls;
  if (!Array.isArray(urls) || urls.length < 2 || urls.length > 5) return 'image_urls must be an array of 2 to 5 image URLs';
  if (!urls.every(isImageUrl)) return 'Invalid image_urls: every item must be an image URL';
  if (body.dimension !== undefined && !(typeof body.dimension === 'string' && BLEND_DIMENSIONS.includes(body.dimension))) {
    return `dimension must be one of ${BLEND_DIMENSIONS.join(', ')}`;
  }
  return commonFields(body);
}

/** /faceswap: the image whose face is replaced and the source face, both URLs. */
export function validateFaceswap(body: Body): string | null {
  if (body.target_image_url === undefined) return 'target_image_url is required';
  if (!isImageUrl(body.target_image_url)) return 'Invalid target_image_url';
  if (body.swap_image_url === undefined) return 'swap_image_url is required';
  if (!isImageUrl(body.swap_image_url)) return 'Invalid swap_image_url';
  return commonFields(body);
}
