import type { TaskResult } from '../providers/types.ts';

/**
 * The result each provider operation must end with. A "finished" answer that does not carry it
 * (no image fields, fields under other names, the shape of another operation) is not a result:
 * the task fails and is refunded instead of being shown as done with nothing in it.
 */
const EXPECTED: Readonly<Record<string, TaskResult['kind']>> = {
  imagine: 'grid',
  reroll: 'grid',
  variations: 'grid',
  'upscale-1x': 'image',
  'ai-photo-generate': 'photos',
  'ai-photo-upload': 'prepared',
  'ai-photo-train': 'trained',
};

export function expectedResult(endpoint: string): TaskResult['kind'] | undefined {
  return EXPECTED[endpoint];
}

/** The result when it is the kind the operation needs and actually holds something to show. */
export function usableResult(endpoint: string, result: TaskResult | undefined): TaskResult | undefined {
  if (!result || result.kind !== expectedResult(endpoint)) return undefined;
  switch (result.kind) {
    case 'grid':
      return result.gridUrl ? result : undefined;
    case 'photos':
      return result.imageUrls.length > 0 ? result : undefined;
    case 'trained':
      return result.triggerWord.trim() ? result : undefined;
    default:
      return result;
  }
}
