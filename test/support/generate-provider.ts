import type { JobOf } from '../../src/providers/jobs.ts';
import type { ImageProvider } from '../../src/providers/types.ts';
import type { TaskService } from '../../src/core/tasks.ts';
import { testProvider } from './provider.ts';

type GenerateJob = JobOf<'gen.image'>;

/**
 * An in-test stand-in for aiphotogenerator.net: it runs `gen.image`, offers the given models, and
 * answers a submit with one id per image, as that service queues one image per id. Tests settle the
 * ids themselves (finish, fail) through the task service, as a webhook or a poll would.
 */
export interface FakeGenerator {
  provider: ImageProvider & { models?: readonly string[] };
  /** Every job submitted, in order. */
  jobs: GenerateJob[];
  /** The ids of each submit, one per image. */
  ids: string[][];
  /** Images uploaded as references (files without a public URL). */
  uploads: string[];
}

export function fakeGenerator(o: { models?: readonly string[]; imageUrl?: (id: string) => string } = {}): FakeGenerator {
  const jobs: GenerateJob[] = [];
  const ids: string[][] = [];
  const uploads: string[] = [];
  const provider = testProvider({
    id: 'aiphotogenerator',
    keyVariable: 'AIPHOTOGENERATOR_API_TOKEN',
    handles: (type) => type === 'gen.image',
    models: o.models,
    submit: async (job) => {
      if (job.type !== 'gen.image') throw new Error(`the generator was asked for ${job.type}`);
      jobs.push(job);
      const mine = Array.from({ length: job.count }, (_, i) => `img-${jobs.length}-${i + 1}`);
      ids.push(mine);
      return { providerTaskId: mine[0]!, more: mine.slice(1) };
    },
    upload: async (image) => {
      const url = `https://refs.example/${uploads.length + 1}-${image.filename}`;
      uploads.push(url);
      return url;
    },
  });
  return { provider, jobs, ids, uploads };
}

/** Where the fake says image `id` is, unless the test serves real images. */
export const imageAt = (id: string) => `https://images.example/${id}.png`;

/** Settles ids as the service would report them: finished with their image, or failed. */
export async function settle(tasks: TaskService, ids: readonly string[], state: 'finished' | 'failed', url: (id: string) => string = imageAt): Promise<void> {
  for (const providerTaskId of ids) {
    await tasks.applyUpdate(
      'aiphotogenerator',
      state === 'finished'
        ? { providerTaskId, state, result: { kind: 'photos', imageUrls: [url(providerTaskId)] } }
        : { providerTaskId, state, message: 'the model refused this image' },
    );
  }
  await tasks.idle();
}
