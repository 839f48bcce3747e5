// Validation rules the real Bot API enforces on text, captions, formatting and inline keyboards.

/** An error the fake answers instead of a result (`{ ok: false, error_code, description, parameters? }`). */
export class TgError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

export const badRequest = (what: string): TgError => new TgError(400, `Bad Request: ${what}`);

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const CALLBACK_DATA_LIMIT = 64;

const byteOffset = (s: string, i: number): number => Buffer.byteLength(s.slice(0, i), 'utf8');
const parseError = (msg: string): TgError => badRequest(`can't parse entities: ${msg}`);

const HTML_TAGS = new Set([
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre',
  'blockquote', 'tg-emoji',
]);

function decodeHtmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot);/gi, (m, e: string) => {
    const l = e.toLowerCase();
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'amp') return '&';
    if (l === 'quot') return '"';
    const code = l.startsWith('#x') ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** Telegram's HTML parse mode: only the documented tags, every tag closed, no stray `<`. */
function parseHtml(text: string): string {
  const stack: Array<{ name: string; at: number }> = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      plain += decodeHtmlEntities(text.slice(i));
      break;
    }
    plain += decodeHtmlEntities(text.slice(i, lt));
    const gt = text.indexOf('>', lt);
    if (gt < 0) throw parseError(`Can't find end of the tag starting at byte offset ${byteOffset(text, lt)}`);
    const inner = text.slice(lt + 1, gt);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (!open) throw parseError(`Unexpected end tag at byte offset ${byteOffset(text, lt)}`);
      if (name !== '' && name !== open.name) {
        throw parseError(`Can't find end tag corresponding to start tag "${open.name}"`);
      }
    } else {
      const m = /^([a-zA-Z][a-zA-Z0-9-]*)(\s[\s\S]*)?$/.exec(inner);
      const name = m?.[1]?.toLowerCase();
      if (!name || !HTML_TAGS.has(name)) {
        if (!name) throw parseError(`Unsupported start tag "${inner.split(/\s/)[0] ?? ''}" at byte offset ${byteOffset(text, lt)}`);
        throw parseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(text, lt)}`);
      }
      const attrs = m?.[2] ?? '';
      if (name === 'span' && !/class\s*=\s*["']?tg-spoiler/i.test(attrs)) {
        throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(text, lt)}`);
      }
      stack.push({ name, at: lt });
    }
    i = gt + 1;
  }
  const open = stack.pop();
  if (open) throw parseError(`Can't find end tag corresponding to start tag "${open.name}"`);
  return plain;
}

const MDV2_RESERVED = new Set(['_', '*', '[', ']', '(', ')', '~', '`', '>', '#', '+', '-', '=', '|', '{', '}', '.', '!']);
const MDV2_NAMES: Record<string, string> = {
  '*': 'Bold', _: 'Italic', __: 'Underline', '~': 'Strikethrough', '||': 'Spoiler', '[': 'TextUrl',
};

/** An approximation of Telegram's MarkdownV2 rules: reserved characters must be escaped. */
function parseMarkdownV2(text: string): string {
  const open = new Map<string, number>();
  let plain = '';
  let i = 0;
  const reserved = (c: string): TgError =>
    parseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      const n = text[i + 1];
      if (n !== undefined) plain += n;
      i += 2;
      continue;
    }
    if (c === '`') {
      const isPre = text.startsWith('```', i);
      const marker = isPre ? '```' : '`';
      let j = i + marker.length;
      let body = '';
      while (j < text.length && !text.startsWith(marker, j)) {
        if (text[j] === '\\' && j + 1 < text.length) { body += text[j + 1]; j += 2; continue; }
        body += text[j];
        j++;
      }
      if (j >= text.length) throw parseError(`Can't find end of ${isPre ? 'Pre' : 'Code'} entity at byte offset ${byteOffset(text, i)}`);
      plain += isPre ? body.replace(/^[^\n]*\n/, (l) => (/^\w*\n$/.test(l) ? '' : l)) : body;
      i = j + marker.length;
      continue;
    }
    if (c === '>' && (i === 0 || text[i - 1] === '\n')) { i++; continue; } // blockquote
    if (c === '*' && text.startsWith('**>', i) && (i === 0 || text[i - 1] === '\n')) { i += 3; continue; }
    if (c === '|' && text[i + 1] === '|' && (text[i + 2] === '\n' || i + 2 === text.length) && open.size === 0) {
      i += 2; // expandable blockquote end marker
      continue;
    }
    let marker: string | null = null;
    if (c === '_') marker = text[i + 1] === '_' ? '__' : '_';
    else if (c === '|') marker = text[i + 1] === '|' ? '||' : null;
    else if (c === '*' || c === '~') marker = c;
    if (marker) {
      if (open.has(marker)) open.delete(marker);
      else open.set(marker, i);
      i += marker.length;
      continue;
    }
    if (c === '[') { open.set('[', i); i++; continue; }
    if (c === ']' && open.has('[')) {
      open.delete('[');
      if (text[i + 1] !== '(') throw reserved(']');
      const close = text.indexOf(')', i + 2);
      if (close < 0) throw parseError(`Can't find end of a URL at byte offset ${byteOffset(text, i + 2)}`);
      i = close + 1;
      continue;
    }
    if (MDV2_RESERVED.has(c)) throw reserved(c);
    plain += c;
    i++;
  }
  for (const [m, at] of open) {
    throw parseError(`Can't find end of ${MDV2_NAMES[m] ?? 'the'} entity at byte offset ${byteOffset(text, at)}`);
  }
  return plain;
}

/** Legacy Markdown: `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`; markers must close. */
function parseLegacyMarkdown(text: string): string {
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && '_*`['.includes(text[i + 1]!)) { plain += text[i + 1]; i += 2; continue; }
    const marker = c === '`' && text.startsWith('```', i) ? '```' : '*_`'.includes(c) ? c : c === '[' ? ']' : null;
    if (!marker) { plain += c; i++; continue; }
    const end = text.indexOf(marker, i + (marker === ']' ? 1 : marker.length));
    if (end < 0) throw parseError(`Can't find end of the entity starting at byte offset ${byteOffset(text, i)}`);
    plain += text.slice(i + (marker === ']' ? 1 : marker.length), end);
    i = end + marker.length;
    if (marker === ']' && text[i] === '(') {
      const close = text.indexOf(')', i);
      i = close < 0 ? text.length : close + 1;
    }
  }
  return plain;
}

/** The text a user would see after Telegram applies `parse_mode` (throws "can't parse entities"). */
export function plainText(text: string, parseMode: unknown): string {
  const mode = typeof parseMode === 'string' ? parseMode.toLowerCase() : '';
  if (mode === 'html') return parseHtml(text);
  if (mode === 'markdownv2') return parseMarkdownV2(text);
  if (mode === 'markdown') return parseLegacyMarkdown(text);
  if (mode !== '') throw badRequest(`unsupported parse_mode`);
  return text;
}

/** Validate message text; returns the visible text. */
export function checkText(text: unknown, parseMode: unknown): string {
  if (text === undefined || text === null || text === '') throw badRequest('message text is empty');
  const raw = String(text);
  const plain = plainText(raw, parseMode);
  if (plain.trim() === '') throw badRequest('message text is empty');
  if (plain.length > TEXT_LIMIT) throw badRequest('message is too long');
  return plain;
}

/** Validate an optional caption; returns the visible caption. */
export function checkCaption(caption: unknown, parseMode: unknown): string | undefined {
  if (caption === undefined || caption === null || caption === '') return undefined;
  const plain = plainText(String(caption), parseMode);
  if (plain.length > CAPTION_LIMIT) throw badRequest('message caption is too long');
  return plain;
}

export interface InlineButton { text: string; callback_data?: string; url?: string; [k: string]: unknown }
export interface InlineKeyboard { inline_keyboard: InlineButton[][] }

const BUTTON_ACTIONS = [
  'callback_data', 'url', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay', 'web_app',
];

/**
 * Validate `reply_markup`. Returns the inline keyboard to store, or undefined for no markup or
 * for reply keyboards (ReplyKeyboardMarkup, ReplyKeyboardRemove, ForceReply), which are accepted
 * but not stored on the message.
 */
export function checkReplyMarkup(markup: unknown): InlineKeyboard | undefined {
  if (markup === undefined || markup === null || markup === '') return undefined;
  if (typeof markup !== 'object' || Array.isArray(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  const m = markup as Record<string, unknown>;
  if (!('inline_keyboard' in m)) {
    if ('keyboard' in m || 'remove_keyboard' in m || 'force_reply' in m) return undefined;
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
  const rows = m.inline_keyboard;
  if (!Array.isArray(rows)) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
  let total = 0;
  const out: InlineButton[][] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    if (row.length > 8) throw badRequest('reply markup is too long');
    total += row.length;
    if (total > 100) throw badRequest('reply markup is too long');
    const outRow: InlineButton[] = [];
    for (const b of row) {
      if (typeof b !== 'object' || b === null) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      const btn = b as Record<string, unknown>;
      if (typeof btn.text !== 'string') throw badRequest(`can't parse inline keyboard button: Field "text" must be of type String`);
      if (btn.text.trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
      if (!BUTTON_ACTIONS.some((k) => btn[k] !== undefined)) {
        throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      }
      if (btn.callback_data !== undefined) {
        const data = String(btn.callback_data);
        const len = Buffer.byteLength(data, 'utf8');
        if (len === 0 || len > CALLBACK_DATA_LIMIT) throw badRequest('BUTTON_DATA_INVALID');
      }
      if (btn.url !== undefined) {
        const url = String(btn.url);
        let ok = false;
        try {
          const u = new URL(url);
          ok = ['http:', 'https:', 'tg:'].includes(u.protocol) && (u.protocol === 'tg:' || u.hostname !== '');
        } catch {
          ok = false;
        }
        if (!ok) throw badRequest(`inline keyboard button URL '${url}' is invalid: Wrong HTTP URL`);
      }
      outRow.push({ ...btn, text: btn.text } as InlineButton);
    }
    out.push(outRow);
  }
  return { inline_keyboard: out };
}

/** Bot command entity for text starting with `/cmd` or `/cmd@bot`, as Telegram clients add it. */
export function commandEntities(text: string | undefined): Array<{ type: 'bot_command'; offset: 0; length: number }> | undefined {
  if (!text) return undefined;
  const m = /^\/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,64})?/.exec(text);
  return m ? [{ type: 'bot_command', offset: 0, length: m[0].length }] : undefined;
}
