// Issue 14, part 1, on Discord through the real discord.js client: a progress edit still waiting at
// Discord's limits when the result is ready is dropped, not sent late. Discord answers the edit with
// a 429 (retry after 3 s); discord.js would send it again once the bucket resets, after which the
// result would follow. The result comes first and the stale progress never reaches Discord again.
import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

const CHANNEL = '300000000000000001';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('drops a progress edit held back by a 429 once the result is ready: the result replaces the progress and the stale text is never sent again', async () => {
  h = await startHarness({ discord: true, env: { FREE_CREDITS: '1000' } });
  const d = h.discord!;
  const i = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a patient heron' }] });
  const task = await h.apiframe.waitForTask('imagine', 1);
  await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && /Waiting to start/.test(m.content));

  const progressEdits = () => d.restCalls.filter((c) => c.method === 'PATCH' && c.path.startsWith('/webhooks/') && /42%/.test(String(c.body?.content)));
  d.failNext({ method: 'PATCH', pathIncludes: '/webhooks/' }, { status: 429, body: {}, retryAfterMs: 3_000 });
  await h.apiframe.progress(task.id, 42);
  await d.waitForRest((c) => c.method === 'PATCH' && c.status === 429);
  await h.apiframe.finish(task.id);

  const result = await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && m.embeds.length > 0, 15_000);
  expect(result.content).toContain('a patient heron');
  // Past the 429's reset: a progress edit still queued would have been sent by now.
  await new Promise((r) => setTimeout(r, 3_500));
  expect(progressEdits().map((c) => c.status)).toEqual([429]);
  expect(d.messagesIn(CHANNEL).find((m) => m.id === i.original?.id)?.embeds.length).toBeGreaterThan(0);
}, 30_000);
