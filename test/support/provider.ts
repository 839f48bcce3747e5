import type { ImageProvider } from '../../src/providers/types.ts';

/**
 * A provider written inline in a test (one that fails in a set way, or records what it was
 * asked): Apiframe's id and jobs unless the test says otherwise.
 */
export function testProvider(over: Partial<ImageProvider> & Pick<ImageProvider, 'submit'>): ImageProvider {
  return {
    id: 'apiframe',
    keyVariable: 'APIFRAME_API_KEY',
    handles: (type) => type.startsWith('mj.') || type.startsWith('photo.'),
    fetchMany: async () => [],
    upload: async () => 'https://cdn.example/x.png',
    ...over,
  };
}
