import { describe, expect, it } from 'vitest';
import { accountFailure } from '../../src/startup/accounts.ts';
import { ProviderError, type ImageProvider } from '../../src/providers/types.ts';

const apiframe = {
  id: 'apiframe',
  name: 'Apiframe',
  keyVariable: 'APIFRAME_API_KEY',
  location: { url: 'https://api.apiframe.example', variable: 'APIFRAME_BASE_URL' },
} as unknown as ImageProvider;

describe('the line for an account read that failed at start', () => {
  it('a refused key stops start-up, naming the key variable', () => {
    const line = accountFailure(apiframe, new ProviderError('auth', 'account', 'refused', 401), undefined);
    expect(line?.message).toBe('Apiframe refused APIFRAME_API_KEY (HTTP 401): copy the key again from your Apiframe account');
  });

  it('a service that answered with errors until the time ran out did answer: it does not stop start-up', () => {
    // The retries' pauses can outlast the bound; the last failure is then still the service's own 500.
    const answered = new ProviderError('unavailable', 'account', 'Apiframe account failed: HTTP 500', 500);
    expect(accountFailure(apiframe, answered, 1_500)).toBeUndefined();
  });

  it('a service that never answered within the bound is named as unreachable, with where to look', () => {
    const silent = new ProviderError('unavailable', 'account', 'Apiframe account failed: timed out', undefined, { cause: Object.assign(new Error('aborted'), { name: 'AbortError' }) });
    expect(accountFailure(apiframe, silent, 1_500)?.message).toMatch(/^Apiframe did not answer at https:\/\/api\.apiframe\.example within 1\.5 s: check APIFRAME_BASE_URL/);
  });
});
