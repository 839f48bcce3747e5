import type { TaskRecord } from '../../store/records/tasks.ts';
import type { ResultImage } from '../chat.ts';
import { UserError } from '../errors.ts';
import { msg, SOURCE_LOCALE, t, type Locale } from '../../i18n/index.ts';

/** The images a /generate result holds, in the order they are shown (and numbered on its ⬇️ buttons). */
export function generatedImages(task: Pick<TaskRecord, 'job' | 'result'>): readonly string[] {
  return task.job.type === 'gen.image' && task.result?.kind === 'photos' ? task.result.imageUrls : [];
}

const EXTENSIONS = /\.(png|jpe?g|webp)$/i;

/** A file name for image `n` of a task: the extension its URL shows, PNG when it shows none. */
function fileName(taskId: string, n: number, url: string): string {
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    // Not a URL we can read: the default extension will do.
  }
  const ext = EXTENSIONS.exec(path)?.[1]?.toLowerCase().replace('jpeg', 'jpg') ?? 'png';
  return `${taskId}-${n}.${ext}`;
}

/**
 * Image `n` (1-based) of a /generate result as a file, with its caption in `locale` (the presser's;
 * the result's own language when not given); refused when the result has no such image.
 */
export function fullSizeOf(parent: Pick<TaskRecord, 'id' | 'job' | 'result'> & { locale?: Locale }, n: number, locale: Locale = parent.locale ?? SOURCE_LOCALE): { image: ResultImage; caption: string } {
  const images = generatedImages(parent);
  const url = Number.isInteger(n) && n >= 1 ? images[n - 1] : undefined;
  if (!url) throw new UserError('unknown_button', msg('error-unknown-button-image'));
  return { image: { url, filename: fileName(parent.id, n, url) }, caption: `⬇️ ${t(locale, 'action-full-size-caption', { index: n, count: images.length })}` };
}
