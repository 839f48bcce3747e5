// Issue 8, parts 6 and 7 on Discord, through the real discord.js client: /settings as an
// ephemeral panel of a select menu and buttons, the suffix through a modal, Remix asking for the
// prompt in a modal before a variation, and Custom Zoom asking for its factor.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import { startHarness, type Harness } from './harness.ts';

const CHANNEL = '300000000000000001';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const components = (m: DcMessage) => m.components.flatMap((row) => row.components);
const byLabel = (m: DcMessage, label: string) => components(m).find((c: any) => (c.label ?? c.emoji?.name) === label)!;
const byPrefix = (m: DcMessage, label: string) => components(m).find((c: any) => String(c.label ?? '').startsWith(label))!;
const original = (d: FakeDiscord, i: FakeInteraction, match: (m: DcMessage) => boolean) =>
  d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && !m.deleted && match(m), 10_000);
const balance = async () => (await h!.app.services.store.wallets.get(`discord:guild:200000000000000001`))!.balance;

describe('Discord /settings, Remix and Custom Zoom', () => {
  it('keeps a default aspect ratio, a suffix and Remix, and applies them to /imagine and the buttons', async () => {
    h = await startHarness({ discord: true });
    const { apiframe } = h;
    const d = h.discord!;

    // The panel is private to the user and redraws itself as it is used.
    const open = await d.slashCommand({ name: 'settings' });
    expect((await d.waitForCallback(open)).type).toBe(4);
    expect(open.ephemeral).toBe(true);
    let panel = open.original!;
    expect(panel.content).toContain('Remix: off');
    const select = components(panel).find((c: any) => c.type === 3)!;
    const ar = await d.chooseOption({ message: panel, customId: select.custom_id, values: ['16:9'] });
    expect((await d.waitForCallback(ar)).type).toBe(7);
    panel = await d.waitForMessage(CHANNEL, (m) => m.id === panel.id && m.content.includes('Aspect ratio: 16:9'));
    const remix = await d.pressButton({ message: panel, customId: byPrefix(panel, '🎛️ Remix').custom_id });
    expect((await d.waitForCallback(remix)).type).toBe(7);
    panel = await d.waitForMessage(CHANNEL, (m) => m.id === panel.id && m.content.includes('Remix: on'));
    const speed = await d.pressButton({ message: panel, customId: byPrefix(panel, '⚡ Speed').custom_id });
    await d.waitForCallback(speed);
    panel = await d.waitForMessage(CHANNEL, (m) => m.id === panel.id && m.content.includes('Speed: turbo'));

    // The suffix is typed in a modal.
    const edit = await d.pressButton({ message: panel, customId: byPrefix(panel, '✏️ Suffix').custom_id });
    expect((await d.waitForCallback(edit)).type).toBe(9);
    const suffix = await d.submitModal({ shownBy: edit, values: { value: '--v 7 --stylize 250' } });
    expect((await d.waitForCallback(suffix)).type).toBe(7);
    await d.waitForMessage(CHANNEL, (m) => m.id === panel.id && m.content.includes('Suffix: --v 7 --stylize 250'));

    // /imagine takes the default aspect ratio and the suffix.
    const cmd = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a red fox' }] });
    const grid = await apiframe.waitForTask('imagine');
    expect(grid.body).toMatchObject({ prompt: 'a red fox --v 7 --stylize 250', aspect_ratio: '16:9', process_mode: 'turbo' });
    await apiframe.finish(grid.id);
    const gridMessage = await original(d, cmd, (m) => m.embeds.length > 0);

    // With Remix on, V2 first asks for the prompt, prefilled; nothing is charged until it is given.
    const before = await balance();
    const v2 = await d.pressButton({ message: gridMessage, customId: byLabel(gridMessage, 'V2').custom_id });
    expect((await d.waitForCallback(v2)).type).toBe(9);
    const modal = d.modalOf(v2);
    expect(JSON.stringify(modal)).toContain('a red fox');
    expect(await balance()).toBe(before);
    const remixed = await d.submitModal({ shownBy: v2, values: { prompt: 'a red fox in the snow' } });
    expect((await d.waitForCallback(remixed)).type).toBe(5);
    const variation = await apiframe.waitForTask('variations');
    expect(variation.body).toMatchObject({ parent_task_id: grid.id, index: '2', prompt: 'a red fox in the snow --v 7 --stylize 250', process_mode: 'turbo' });
    // A variation, plus the turbo surcharge.
    expect(await balance()).toBe(before - 4 - 4);
  }, 40_000);

  it('asks Custom Zoom for its factor, refuses one out of range without charging, and zooms by a good one', async () => {
    h = await startHarness({ discord: true });
    const { apiframe } = h;
    const d = h.discord!;
    const cmd = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a lighthouse' }] });
    const grid = await apiframe.waitForTask('imagine');
    await apiframe.finish(grid.id);
    const gridMessage = await original(d, cmd, (m) => m.embeds.length > 0);
    const u1 = await d.pressButton({ message: gridMessage, customId: byLabel(gridMessage, 'U1').custom_id });
    const up = await apiframe.waitForTask('upscale-1x');
    await apiframe.finish(up.id);
    const upscaled = await original(d, u1, (m) => m.embeds.length > 0);
    const before = await balance();

    const press = await d.pressButton({ message: upscaled, customId: byLabel(upscaled, 'Custom Zoom').custom_id });
    expect((await d.waitForCallback(press)).type).toBe(9);
    const tooFar = await d.submitModal({ shownBy: press, values: { zoom: '2.5' } });
    const refusal = await d.waitForCallback(tooFar);
    expect(refusal.type).toBe(4);
    expect(tooFar.ephemeral).toBe(true);
    expect(tooFar.original!.content).toContain('more than 1 and at most 2');
    expect(apiframe.callCount('/outpaint')).toBe(0);
    expect(await balance()).toBe(before);

    const again = await d.pressButton({ message: upscaled, customId: byLabel(upscaled, 'Custom Zoom').custom_id });
    await d.waitForCallback(again);
    const good = await d.submitModal({ shownBy: again, values: { zoom: '1.8', prompt: 'a lighthouse on a wide bay' } });
    expect((await d.waitForCallback(good)).type).toBe(5);
    const zoom = await apiframe.waitForTask('outpaint');
    expect(zoom.body).toMatchObject({ parent_task_id: up.id, zoom_ratio: 1.8, prompt: 'a lighthouse on a wide bay', aspect_ratio: '1:1' });
    expect(await balance()).toBe(before - 4);
  }, 40_000);
});
