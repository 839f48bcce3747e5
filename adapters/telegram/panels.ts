/** A Panel as an inline keyboard: a choice becomes rows of buttons (the chosen one ticked). */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Panel } from '../../src/core/chat.ts';

/**
 * Buttons of a choice per row: five short ones (aspect ratios), fewer long ones (model names), so
 * a phone shows every label whole.
 */
function perRow(labels: readonly string[]): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return longest <= 12 ? 5 : longest <= 20 ? 2 : 1;
}

export function panelKeyboard(panel: Panel): InlineKeyboardMarkup {
  const rows: InlineKeyboardButton[][] = [];
  for (const row of panel.rows) {
    if ('choice' in row) {
      const buttons = row.choice.options.map((o) => ({ text: o.selected ? `✓ ${o.label}` : o.label, callback_data: `${row.choice.id}=${o.value}` }));
      const n = perRow(buttons.map((b) => b.text));
      for (let i = 0; i < buttons.length; i += n) rows.push(buttons.slice(i, i + n));
    } else rows.push(row.buttons.map((b) => ({ text: b.label, callback_data: b.id })));
  }
  return { inline_keyboard: rows.filter((r) => r.length > 0) };
}
