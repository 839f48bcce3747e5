import type { ProviderTaskView, TaskResult } from '../types.ts';
import type { TaskView } from './schemas.ts';
import { importantTokens, suggestedPrompts } from './prompts.ts';

const QUEUED = new Set(['staged', 'pending', 'queued']);

/** Reads the result fields; undefined when the view carries none yet. */
function resultOf(view: TaskView): TaskResult | undefined {
  // Before image_url: a finished /describe carries the image it described beside its prompts.
  if (view.content?.length) return promptsOf(view.content, view.full_content);
  if (view.image_urls?.length && view.original_image_url) {
    return { kind: 'grid', gridUrl: view.original_image_url, imageUrls: view.image_urls };
  }
  if (view.image_urls?.length) return { kind: 'photos', imageUrls: view.image_urls };
  if (view.image_url) return { kind: 'image', imageUrl: view.image_url };
  if (view.trigger_word) return { kind: 'trained', triggerWord: view.trigger_word };
  if (view.seed) return { kind: 'seed', seed: view.seed };
  if (view.expires_at) return { kind: 'prepared', expiresAt: view.expires_at };
  return undefined;
}

/** /describe and /shorten: the prompts, and the important tokens when /shorten gives them. */
function promptsOf(content: readonly string[], fullContent: string | undefined): TaskResult {
  const prompts = suggestedPrompts(content);
  const tokens = fullContent === undefined ? undefined : importantTokens(fullContent);
  return tokens?.length ? { kind: 'prompts', prompts, tokens } : { kind: 'prompts', prompts };
}

/**
 * Maps Apiframe's task object to the core's view. Finished results are marked `status: "finished"`
 * in practice but not in every documented example, so result fields alone also count as finished.
 * Whether a finished answer carries the result its task needs is the core's call (results.ts).
 */
export function normalizeTaskView(view: TaskView): ProviderTaskView {
  const status = view.status?.toLowerCase();
  const base = { providerTaskId: view.task_id, raw: view };
  if (status === 'failed' || status === 'error') {
    return { ...base, state: 'failed', message: view.message };
  }
  const result = resultOf(view);
  if (status === 'finished' || status === 'completed' || (status === undefined && result)) {
    // Without result fields (ai-photo-upload finishes with only a message) the task decides what it means.
    return result ? { ...base, state: 'finished', percentage: 100, result } : { ...base, state: 'finished', percentage: 100 };
  }
  if (status !== undefined && QUEUED.has(status)) return { ...base, state: 'queued', percentage: 0 };
  return { ...base, state: 'running', percentage: view.percentage };
}
