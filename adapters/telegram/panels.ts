/** A Panel as an inline keyboard: a choice becomes rows of buttons (the chosen one ticked). */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Panel } from '../../src/core/chat.ts';

const PER_ROW = 5;

export function panelKeyboard(panel: Panel): InlineKeyboardMarkup {
  const rows: InlineKeyboardButton[][] = [];
  for (const row of panel.rows) {
    if ('choice' in row) {
      const buttons = row.choice.options.map((o) => ({ text: o.selected ? `✓ ${o.label}` : o.label, callback_data: `${row.choice.id}=${o.value}` }));
      for (let i = 0; i < buttons.length; i += PER_ROW) rows.push(buttons.slice(i, i + PER_ROW));
    } else rows.push(row.buttons.map((b) => ({ text: b.label, callback_data: b.id })));
  }
  return { inline_keyboard: rows.filter((r) => r.length > 0) };
}
