import type { Logger } from '../../logger.ts';
import type { ProviderTaskView } from '../types.ts';
import { imageUrlOf, stateOf, type LookupTable } from './lookup.ts';
import type { ImageObject } from './schemas.ts';
import { clipForLog } from '../../log-clip.ts';

/** How many distinct unknown statuses are remembered (each is logged once). */
const UNKNOWN_MEMORY = 100;
const RAW_LOG_CHARS = 1_000;

/**
 * Turns an image object (from a lookup or a webhook) into the core's view, through the lookup
 * table. A status the table does not know is logged once per value and read as still running,
 * so a new code at the service delays nothing worse than the poll that follows.
 */
export class ImageReader {
  private readonly unknownStatuses = new Set<string>();

  constructor(
    private readonly table: LookupTable,
    /** The service's origin, for image URLs given as paths. */
    private readonly origin: string,
    private readonly log: Logger,
    /** Removes our secrets from the service's words before they are shown or logged. */
    private readonly scrub: (text: string) => string,
  ) {}

  view(providerTaskId: string, image: ImageObject): ProviderTaskView {
    const raw = image as Record<string, unknown>;
    const url = imageUrlOf(this.table, raw, this.origin);
    // No status but a URL: an answer that only carries the finished image.
    const state = image.status === undefined && url ? 'finished' : stateOf(this.table, image.status);
    const base = { providerTaskId, raw: image };
    switch (state) {
      case 'queued':
        return { ...base, state: 'queued', percentage: 0 };
      case 'running':
        return { ...base, state: 'running' };
      case 'failed': {
        const said = image.error ?? image.error_message ?? image.failure_reason ?? image.message;
        return said?.trim() ? { ...base, state: 'failed', message: this.scrub(said.trim()) } : { ...base, state: 'failed' };
      }
      case 'finished':
        if (url) return { ...base, state: 'finished', percentage: 100, result: { kind: 'photos', imageUrls: [url] } };
        this.log.error(
          { providerTaskId, urlFields: this.table.urlFields, answer: this.clip(image) },
          'aiphotogenerator.net says the image is finished but none of the URL fields holds a URL (check AIPHOTOGENERATOR_URL_FIELDS)',
        );
        return { ...base, state: 'failed', message: 'the image service finished the image but sent no address to fetch it from' };
      default:
        this.noteUnknown(providerTaskId, image);
        return { ...base, state: 'running' };
    }
  }

  private noteUnknown(providerTaskId: string, image: ImageObject): void {
    const key = image.status === undefined ? '(none)' : String(image.status);
    if (this.unknownStatuses.has(key) || this.unknownStatuses.size >= UNKNOWN_MEMORY) return;
    this.unknownStatuses.add(key);
    this.log.warn(
      { providerTaskId, status: key, known: this.table.statuses, answer: this.clip(image) },
      'aiphotogenerator.net sent a status the lookup table does not know; treating it as still running (see AIPHOTOGENERATOR_STATUS_MAP)',
    );
  }

  /** The answer for a log line: bounded and without our secrets. */
  private clip(raw: unknown): string {
    return this.scrub(clipForLog(raw, RAW_LOG_CHARS));
  }
}
