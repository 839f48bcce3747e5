/** Result buttons as Discord action rows: ≤ 5 buttons a row, ≤ 5 rows, labels ≤ 80, custom ids ≤ 100. */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponent } from 'discord.js';
import type { Button } from '../../src/core/chat.ts';

const PER_ROW = 5;
const MAX_ROWS = 5;
const LABEL_MAX = 80;
const CUSTOM_ID_MAX = 100;
const EMOJI_ONLY = /^\p{Extended_Pictographic}\uFE0F?$/u;

function toButton(b: Button): ButtonBuilder {
  const button = new ButtonBuilder().setCustomId(b.id).setStyle(ButtonStyle.Secondary);
  const label = b.label.trim();
  if (EMOJI_ONLY.test(label)) return button.setEmoji({ name: label });
  return button.setLabel(label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label || '…');
}

export function buttonRows(rows: readonly Button[][]): APIActionRowComponent<APIButtonComponent>[] {
  const split: Button[][] = [];
  for (const row of rows) {
    const usable = row.filter((b) => b.id.length > 0 && b.id.length <= CUSTOM_ID_MAX);
    for (let i = 0; i < usable.length; i += PER_ROW) split.push(usable.slice(i, i + PER_ROW));
  }
  return split.slice(0, MAX_ROWS).map((row) => new ActionRowBuilder<ButtonBuilder>().addComponents(row.map(toButton)).toJSON());
}
