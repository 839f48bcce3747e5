/**
 * A Panel as Discord components (a choice is a select menu, buttons are buttons) and a Question
 * as a modal. Discord's limits: 5 rows, 25 select options, modal titles and labels of 45
 * characters, text inputs of 4000, custom ids of 100.
 */
import { ActionRowBuilder, ModalBuilder, StringSelectMenuBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import type { Panel, Question } from '../../src/core/chat.ts';
import { buttonRows } from './components.ts';

const TITLE_MAX = 45;
const INPUT_MAX = 4000;
const SELECT_OPTIONS_MAX = 25;
/** A modal's custom id: the question's target, so the submit goes back to the command that asked. */
export const MODAL_PREFIX = 'ask|';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function panelComponents(panel: Panel): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (const row of panel.rows) {
    if ('choice' in row) {
      const { choice } = row;
      const menu = new StringSelectMenuBuilder()
        .setCustomId(choice.id)
        .setPlaceholder(clip(choice.placeholder, 150))
        .addOptions(choice.options.slice(0, SELECT_OPTIONS_MAX).map((o) => ({ label: clip(o.label, 100), value: o.value, default: o.selected })));
      rows.push(new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu).toJSON());
    } else rows.push(...buttonRows([row.buttons]));
  }
  return rows.slice(0, 5);
}

export function questionModal(q: Question): ModalBuilder {
  const modal = new ModalBuilder().setCustomId(`${MODAL_PREFIX}${q.target}`).setTitle(clip(q.title, TITLE_MAX));
  for (const f of q.fields.slice(0, 5)) {
    const input = new TextInputBuilder()
      .setCustomId(f.name)
      .setLabel(clip(f.label, TITLE_MAX))
      .setStyle(f.long ? TextInputStyle.Paragraph : TextInputStyle.Short)
      .setRequired(f.required)
      .setMaxLength(Math.min(f.maxLength, INPUT_MAX));
    if (f.value) input.setValue(clip(f.value, Math.min(f.maxLength, INPUT_MAX)));
    modal.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
  }
  return modal;
}
