// Issue 13 on Discord, through the real discord.js client: what the adapter says on its own (a
// button that is not one of its own) is in the presser's client language.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the Discord adapter in the reader’s language', () => {
  it('tells a Brazilian Portuguese user, privately and in Portuguese, that a button is not one of its own', async () => {
    h = await startHarness({ discord: { guilds: [{ id: GUILD, name: 'Test Guild', channels: [{ id: CHANNEL, name: 'general' }] }] } });
    const d = h.discord!;
    // A message carrying a made-up custom id (what a modified client could send).
    const res = await fetch(`${d.apiBase}/v10/channels/${CHANNEL}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${d.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'forged', components: [{ type: 1, components: [{ type: 2, style: 2, label: 'X', custom_id: 'hello' }] }] }),
    });
    const { id } = (await res.json()) as { id: string };
    const forged = d.messagesIn(CHANNEL).find((m) => m.id === id)!;

    const pressed = await d.pressButton({ message: forged, customId: 'hello', locale: 'pt-BR' });
    await d.waitForCallback(pressed);
    expect(pressed.ephemeral).toBe(true);
    expect(pressed.original!.content).toBe('Este botão não é meu.');

    const english = await d.pressButton({ message: forged, customId: 'hello', locale: 'de' });
    await d.waitForCallback(english);
    expect(english.original!.content).toBe('This button is not one of mine.');
  });
});
