// Task views of the fake Apiframe: what /fetch returns and what webhooks POST.
import { createHash, randomInt } from 'node:crypto';
import type { FakeTask } from './apiframe.ts';

/** Endpoints whose finished result is a 4-image grid. */
export const GRID_ENDPOINTS: ReadonlySet<string> = new Set(['imagine', 'reroll', 'variations', 'outpaint', 'pan', 'blend']);

export const UPLOAD_PROCESSING_MESSAGE = 'Training images are being processed';
export const UPLOAD_FINISHED_MESSAGE = 'Images ready for training';
export const TRAIN_PROCESSING_MESSAGE = 'Training is in progress';
export const TRAIN_FINISHED_MESSAGE = 'Training finished, you can generate photos now!';

export function taskType(task: FakeTask): string {
  const index = String(task.body.index ?? '');
  switch (task.endpoint) {
    case 'variations':
      return `variation-${index}`;
    case 'upscale-1x':
      return `upscale#${index}`;
    case 'upscale-alt':
      return `upscale-${String(task.body.type)}`;
    case 'upscale-highres':
      return `upscale-${String(task.body.type)}`;
    case 'outpaint':
      return `outpaint-${String(task.body.zoom_ratio)}`;
    case 'pan':
      return `pan-${String(task.body.direction)}`;
    default:
      return task.endpoint;
  }
}

export function randomTriggerWord(): string {
  let word = 'TOK';
  for (let i = 0; i < 3; i++) word += String.fromCharCode(65 + randomInt(26));
  return word;
}

/** The payload a task shows once finished (stored as FakeTask.result). */
export function finishedResult(task: FakeTask, baseUrl: string): Record<string, unknown> {
  const id = task.id;
  const cdn = `${baseUrl}/cdn/${id}`;
  if (GRID_ENDPOINTS.has(task.endpoint)) {
    return {
      task_id: id,
      task_type: taskType(task),
      status: 'finished',
      original_image_url: `${cdn}/grid.png`,
      image_urls: [0, 1, 2, 3].map((i) => `${cdn}/${i}.png`),
    };
  }
  switch (task.endpoint) {
    case 'upscale-1x':
    case 'upscale-alt':
    case 'upscale-highres':
      return { task_id: id, task_type: taskType(task), status: 'finished', image_url: `${cdn}/upscale.png` };
    case 'faceswap':
      // §3.7: the swapped image alone.
      return { task_id: id, task_type: 'faceswap', status: 'finished', image_url: `${cdn}/faceswap.png` };
    case 'seed':
      // The docs give the seed as a string of digits.
      return { task_id: id, task_type: 'seed', status: 'finished', seed: String(1_000_000_000 + randomInt(1_000_000_000)) };
    case 'describe':
      return { task_id: id, task_type: 'describe', status: 'finished', image_url: task.body.image_url, content: describedPrompts(id) };
    case 'shorten':
      return { task_id: id, task_type: 'shorten', status: 'finished', ...shortened(String(task.body.prompt)) };
    case 'ai-photo-upload':
      return {
        task_id: id,
        status: 'finished',
        message: UPLOAD_FINISHED_MESSAGE,
        expires_at: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
      };
    case 'ai-photo-train':
      return {
        task_id: id,
        status: 'finished',
        message: TRAIN_FINISHED_MESSAGE,
        percentage: 100,
        trigger_word: randomTriggerWord(),
      };
    case 'ai-photo-generate': {
      const n = Number(task.body.number_of_images ?? '1');
      return {
        task_id: id,
        status: 'finished',
        task_type: 'ai-photo-generate',
        image_urls: Array.from({ length: n }, (_, i) => `${cdn}/${i}.png`),
      };
    }
    default:
      return { task_id: id, task_type: taskType(task), status: 'finished' };
  }
}

// /describe and /shorten answers, shaped as apiframe-api.md §3.11–3.12 shows them.

const KEYCAPS = ['1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣'];
const SUBJECTS = ['a red fox', 'a lighthouse', 'a paper boat', 'an old tram', 'a glass whale'];
const STYLES = ['in the style of ukiyo-e', 'soft watercolor', 'cinematic lighting', 'isometric 3d render'];

/** Four numbered prompts, different for every task, the last with an aspect ratio as Midjourney adds. */
export function describedPrompts(taskId: string): string[] {
  const subject = SUBJECTS[createHash('sha256').update(taskId).digest()[0]! % SUBJECTS.length]!;
  return STYLES.map((style, i) => `${KEYCAPS[i]} ${subject}, ${style}${i === 3 ? ' --ar 3:2' : ''}`);
}

const FILLER = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'with', 'and', 'very', 'really', 'please', 'image', 'picture', 'create', 'make']);

/**
 * /shorten's answer for a prompt: its words in bold (kept) or struck through (filler), and shorter
 * prompts that keep fewer and fewer of the kept words.
 */
export function shortened(prompt: string): { content: string[]; full_content: string } {
  const words = prompt.split(/\s+/).filter(Boolean);
  const kept = words.filter((w) => !FILLER.has(w.toLowerCase().replace(/\W/g, '')));
  const tokens = words.map((w) => (kept.includes(w) ? `**${w}**` : `~~${w}~~`)).join(' ');
  const content = KEYCAPS.map((cap, i) => `${cap} ${kept.slice(0, Math.max(1, kept.length - i)).join(' ') || prompt}`);
  return { content, full_content: `## Important tokens\n${tokens}\n\n## Shortened prompts\n${content.join('\n')}` };
}

/** The task as /fetch shows it right now. */
export function taskView(task: FakeTask): Record<string, unknown> {
  const task_id = task.id;
  switch (task.status) {
    case 'staged':
      return { task_id, status: 'staged' };
    case 'processing':
      if (task.endpoint === 'ai-photo-upload') {
        return { task_id, status: 'processing', message: UPLOAD_PROCESSING_MESSAGE };
      }
      if (task.endpoint === 'ai-photo-train') {
        return { task_id, message: TRAIN_PROCESSING_MESSAGE, status: 'processing', percentage: String(task.percentage) };
      }
      // The docs show /shorten unfinished with a status and no percentage.
      if (task.endpoint === 'shorten') return { task_id, task_type: 'shorten', status: 'starting' };
      return { task_id, task_type: taskType(task), status: 'processing', percentage: String(task.percentage) };
    case 'finished':
      return { ...(task.result ?? { task_id, status: 'finished' }) };
    case 'failed':
      return { task_id, task_type: taskType(task), status: 'failed', message: task.message ?? 'Task failed' };
  }
}
