// Issue 13, the core's texts on Discord through the real discord.js client: a Brazilian Portuguese
// client's /imagine shows its progress, result and an upscale's buttons in Portuguese; a button
// pressed by an English client under that result starts a job shown in English (the presser's);
// a refusal (the wallet cannot pay) is in the presser's language too.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, DcUser, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import { startHarness, type Harness } from './harness.ts';

const CHANNEL = '300000000000000001';
const BOB: DcUser = { id: '400000000000000002', username: 'bob', global_name: 'Bob', discriminator: '0' };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const labels = (m: DcMessage) => m.components.map((row) => row.components.map((b: any) => b.label ?? b.emoji?.name));
function customId(m: DcMessage, label: string): string {
  for (const row of m.components) for (const b of row.components) if ((b.label ?? b.emoji?.name) === label) return b.custom_id;
  throw new Error(`no button ${label}: ${JSON.stringify(labels(m))}`);
}
const original = (d: FakeDiscord, i: FakeInteraction, match: (m: DcMessage) => boolean) => d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && !m.deleted && match(m));
const hasImage = (m: DcMessage) => m.embeds.length > 0;

describe('Discord: the core speaks the user’s language', () => {
  it('shows a Portuguese client’s /imagine in Portuguese, and a job an English client starts from it in English', async () => {
    h = await startHarness({ discord: true, env: { FREE_CREDITS: '1000' } });
    const d = h.discord!;
    const i = await d.slashCommand({ name: 'imagine', locale: 'pt-BR', options: [{ name: 'prompt', value: 'um farol' }] });
    await d.waitForCallback(i);
    const task = await h.apiframe.waitForTask('imagine');
    const waiting = await original(d, i, (m) => m.content.includes('Aguardando para começar…'));
    expect(waiting.content).toBe('⏳ Imaginar “um farol” para Alice\nAguardando para começar…');
    await h.apiframe.finish(task.id);
    const grid = await original(d, i, hasImage);
    expect(grid.content).toBe('✅ Imaginar “um farol” para Alice');

    const up = await d.pressButton({ message: grid, customId: customId(grid, 'U1'), locale: 'pt-BR' });
    const upTask = await h.apiframe.waitForTask('upscale-1x');
    await h.apiframe.finish(upTask.id);
    const upscaled = await original(d, up, hasImage);
    expect(upscaled.content).toBe('✅ Ampliação nº 1 “um farol” para Alice');
    expect(labels(upscaled)[0]).toEqual(['Ampliar (sutil)', 'Ampliar (criativo)', 'Ampliar 2x', 'Ampliar 4x']);
    expect(labels(upscaled)[1]).toEqual(['Variar (sutil)', 'Variar (forte)']);

    // Bob's client is in English: the job he starts is his, in his language.
    const bobs = await d.pressButton({ message: grid, customId: customId(grid, 'U3'), user: BOB });
    const bobTask = await h.apiframe.waitForTask('upscale-1x', 2);
    await h.apiframe.finish(bobTask.id);
    const his = await original(d, bobs, hasImage);
    expect(his.content).toBe('✅ Upscale #3 “um farol” for Bob');
    expect(labels(his)[0]).toEqual(['Upscale (Subtle)', 'Upscale (Creative)', 'Upscale 2x', 'Upscale 4x']);
  }, 30_000);

  it('refuses, in Portuguese, what the wallet cannot pay for', async () => {
    h = await startHarness({ discord: true, env: { FREE_CREDITS: '2' } });
    const d = h.discord!;
    const i = await d.slashCommand({ name: 'imagine', locale: 'pt-BR', options: [{ name: 'prompt', value: 'um farol' }] });
    await d.waitForCallback(i);
    const m = await d.waitForMessage(CHANNEL, (x) => (x.id === i.original?.id || i.followups.some((f) => f.id === x.id)) && x.content !== '');
    const last = i.followups.at(-1) ?? m;
    expect(last.content).toBe('Isso custa 4 créditos, mas a carteira deste servidor tem 2. Um operador pode adicionar mais com /admin grant.');
  }, 30_000);
});
