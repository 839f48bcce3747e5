// Discord's request validation and error answers, as far as the fake enforces them.
import type { MultipartFile } from './discord-multipart.ts';
import type { DiscordStore } from './discord-state.ts';

export interface ApiError {
  status: number;
  body: { code: number; message: string; errors?: any };
}

export const apiError = (status: number, code: number, message: string, errors?: any): ApiError => ({
  status,
  body: errors ? { code, message, errors } : { code, message },
});

export const ERR = {
  unauthorized: () => apiError(401, 0, '401: Unauthorized'),
  notFound: () => apiError(404, 0, '404: Not Found'),
  methodNotAllowed: () => apiError(405, 0, '405: Method Not Allowed'),
  unknownApplication: () => apiError(404, 10002, 'Unknown Application'),
  unknownChannel: () => apiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => apiError(404, 10004, 'Unknown Guild'),
  unknownMember: () => apiError(404, 10007, 'Unknown Member'),
  unknownMessage: () => apiError(404, 10008, 'Unknown Message'),
  unknownUser: () => apiError(404, 10013, 'Unknown User'),
  unknownWebhook: () => apiError(404, 10015, 'Unknown Webhook'),
  unknownCommand: () => apiError(404, 10063, 'Unknown application command'),
  unknownInteraction: () => apiError(404, 10062, 'Unknown interaction'),
  notAuthor: () => apiError(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: () => apiError(400, 50006, 'Cannot send an empty message'),
  invalidWebhookToken: () => apiError(401, 50027, 'Invalid Webhook Token'),
  alreadyAcknowledged: () => apiError(400, 40060, 'Interaction has already been acknowledged.'),
  invalidJson: () => apiError(400, 50109, 'The request body contains invalid JSON.'),
  invalidForm: (errors: any) => apiError(400, 50035, 'Invalid Form Body', errors),
};

// --- handler context and replies (shared by discord-rest.ts and discord-interactions.ts) ---

export interface Ctx {
  store: DiscordStore;
  method: string;
  seg: string[];
  query: URLSearchParams;
  body: any;
  files: MultipartFile[];
}

export interface Reply {
  status: number;
  body?: any;
  headers?: Record<string, string>;
}

export const ok = (body: any, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });
export const fromError = (e: ApiError): Reply => ({ status: e.status, body: e.body });
export const isError = (x: unknown): x is ApiError =>
  typeof x === 'object' && x !== null && 'status' in x && 'body' in x && !('id' in x);

/** Collects Discord-style nested form errors: { a: { 0: { b: { _errors: [...] } } } }. */
export class FormErrors {
  readonly tree: any = {};
  count = 0;
  add(path: Array<string | number>, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) node = node[String(key)] ??= {};
    (node._errors ??= []).push({ code, message });
    this.count++;
  }
  maxLen(path: Array<string | number>, value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }
  lenRange(path: Array<string | number>, value: unknown, min: number, max: number): void {
    if (typeof value !== 'string' || value.length < min || value.length > max) {
      this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
    }
  }
  maxItems(path: Array<string | number>, value: unknown, max: number): void {
    if (Array.isArray(value) && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }
  result(): ApiError | undefined {
    return this.count ? ERR.invalidForm(this.tree) : undefined;
  }
}

const COMPONENTS_V2 = 1 << 15;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

function validateEmbeds(embeds: unknown, e: FormErrors): void {
  if (embeds == null) return;
  if (!Array.isArray(embeds)) {
    e.add(['embeds'], 'LIST_TYPE_CONVERT', 'Must be an array.');
    return;
  }
  e.maxItems(['embeds'], embeds, 10);
  let total = 0;
  const count = (s: unknown) => (typeof s === 'string' ? s.length : 0);
  embeds.forEach((embed: any, i) => {
    if (!embed || typeof embed !== 'object') {
      e.add(['embeds', i], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    e.maxLen(['embeds', i, 'title'], embed.title, 256);
    e.maxLen(['embeds', i, 'description'], embed.description, 4096);
    e.maxLen(['embeds', i, 'footer', 'text'], embed.footer?.text, 2048);
    e.maxLen(['embeds', i, 'author', 'name'], embed.author?.name, 256);
    e.maxItems(['embeds', i, 'fields'], embed.fields, 25);
    total += count(embed.title) + count(embed.description) + count(embed.footer?.text) + count(embed.author?.name);
    if (Array.isArray(embed.fields)) {
      embed.fields.forEach((f: any, j: number) => {
        e.lenRange(['embeds', i, 'fields', j, 'name'], f?.name, 1, 256);
        e.lenRange(['embeds', i, 'fields', j, 'value'], f?.value, 1, 1024);
        total += count(f?.name) + count(f?.value);
      });
    }
  });
  if (total > 6000) e.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

function validateComponent(c: any, path: Array<string | number>, e: FormErrors): void {
  if (!c || typeof c !== 'object') {
    e.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  if (c.custom_id !== undefined) e.maxLen([...path, 'custom_id'], c.custom_id, 100);
  if (c.type === 2) {
    e.maxLen([...path, 'label'], c.label, 80);
    if (c.style === 5) {
      if (!c.url) e.add([...path, 'url'], 'BUTTON_COMPONENT_URL_REQUIRED', 'A url is required');
      if (c.custom_id) e.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A custom id cannot be set on a link button');
    } else if (c.style === 6) {
      if (!c.sku_id) e.add([...path, 'sku_id'], 'BUTTON_COMPONENT_SKU_ID_REQUIRED', 'A sku id is required');
    } else if (!c.custom_id && !c.url) {
      e.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED', 'A custom id is required');
    } else if (!c.custom_id && c.url) {
      e.add([...path, 'style'], 'BUTTON_COMPONENT_INVALID_STYLE', 'Link buttons must use style 5');
    }
  } else if (SELECT_TYPES.has(c.type)) {
    if (!c.custom_id) e.add([...path, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    if (c.type === 3) {
      if (!Array.isArray(c.options) || c.options.length < 1 || c.options.length > 25) {
        e.add([...path, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
      }
    }
  }
  if (Array.isArray(c.components)) {
    c.components.forEach((child: any, i: number) => validateComponent(child, [...path, 'components', i], e));
  }
}

function validateComponents(components: unknown, flags: number, e: FormErrors): void {
  if (components == null) return;
  if (!Array.isArray(components)) {
    e.add(['components'], 'LIST_TYPE_CONVERT', 'Must be an array.');
    return;
  }
  if (flags & COMPONENTS_V2) {
    e.maxItems(['components'], components, 40);
    components.forEach((c: any, i) => validateComponent(c, ['components', i], e));
    return;
  }
  e.maxItems(['components'], components, 5);
  components.forEach((row: any, i) => {
    if (!row || row.type !== 1) {
      e.add(['components', i, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
      return;
    }
    const children: any[] = Array.isArray(row.components) ? row.components : [];
    if (children.length < 1 || children.length > 5) {
      e.add(['components', i, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    }
    if (children.some((c) => SELECT_TYPES.has(c?.type)) && children.length > 1) {
      e.add(['components', i, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
    }
    children.forEach((c, j) => validateComponent(c, ['components', i, 'components', j], e));
  });
}

/**
 * Validates the fields present in a message create/edit body. Returns an error or undefined.
 * The empty-message check is done separately on the resulting message (see isEmptyMessage).
 */
export function validateMessageBody(body: any, flags?: number): ApiError | undefined {
  const e = new FormErrors();
  if (body == null || typeof body !== 'object') return undefined;
  if (body.content != null && typeof body.content !== 'string') {
    e.add(['content'], 'BASE_TYPE_STRING', 'Must be a string.');
  }
  e.maxLen(['content'], body.content, 2000);
  validateEmbeds(body.embeds, e);
  validateComponents(body.components, flags ?? Number(body.flags ?? 0), e);
  if (body.nonce != null) e.maxLen(['nonce'], String(body.nonce), 25);
  return e.result();
}

/** Files in one message at most. */
export const FILES_PER_MESSAGE = 10;
/** What a bot may upload per file in a server without boosts; interactions announce it as attachment_size_limit. */
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/** Discord's checks on uploaded files: ten per message at most (with those kept), each within the upload limit. */
export function validateFiles(files: readonly MultipartFile[], kept = 0): ApiError | undefined {
  if (files.some((f) => f.bytes > ATTACHMENT_SIZE_LIMIT)) return apiError(413, 40005, 'Request entity too large');
  const e = new FormErrors();
  if (kept + files.length > FILES_PER_MESSAGE) e.add(['attachments'], 'BASE_TYPE_MAX_LENGTH', `Must be ${FILES_PER_MESSAGE} or fewer in length.`);
  return e.result();
}

export function isEmptyMessage(m: {
  content?: string;
  embeds?: any[];
  components?: any[];
  attachments?: any[];
  poll?: any;
  sticker_ids?: any[];
}): boolean {
  return (
    !m.content &&
    !(m.embeds?.length) &&
    !(m.components?.length) &&
    !(m.attachments?.length) &&
    !m.poll &&
    !(m.sticker_ids?.length)
  );
}

export function validateModal(data: any): ApiError | undefined {
  const e = new FormErrors();
  if (!data || typeof data !== 'object') {
    e.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return e.result();
  }
  e.lenRange(['data', 'title'], data.title, 1, 45);
  e.lenRange(['data', 'custom_id'], data.custom_id, 1, 100);
  if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5) {
    e.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  }
  return e.result();
}

// ---------------------------------------------------------------------------------------------
// Application commands

const CHAT_NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const ASCII_NAME = /^[-_a-z0-9]{1,32}$/;
/** The locales Discord accepts as keys of name_localizations and description_localizations. */
const DISCORD_LOCALES = new Set([
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR', 'ro', 'fi',
  'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
]);

/**
 * As Discord checks a localization map: known locales only; a command's or option's localized
 * name follows the name rule (`chatName`), a choice's is 1–100 characters; descriptions 1–100.
 */
function validateLocalizations(e: FormErrors, path: Array<string | number>, map: unknown, kind: 'chatName' | 'choiceName' | 'description'): void {
  if (map == null) return;
  if (typeof map !== 'object' || Array.isArray(map)) {
    e.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  for (const [locale, value] of Object.entries(map as Record<string, unknown>)) {
    const p = [...path, locale];
    if (!DISCORD_LOCALES.has(locale)) e.add(p, 'BASE_TYPE_CHOICES', `Value must be one of ${[...DISCORD_LOCALES].join(', ')}.`);
    else if (kind === 'chatName') {
      if (typeof value !== 'string' || !(ASCII_NAME.test(value) || CHAT_NAME.test(value))) e.add(p, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    } else e.lenRange(p, value, 1, 100);
  }
}

function validateOptions(options: unknown, path: Array<string | number>, e: FormErrors, depth: number): void {
  if (options == null) return;
  if (!Array.isArray(options)) {
    e.add(path, 'LIST_TYPE_CONVERT', 'Must be an array.');
    return;
  }
  e.maxItems(path, options, 25);
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((o: any, i) => {
    const p = [...path, i];
    if (!o || typeof o !== 'object') {
      e.add(p, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    if (typeof o.type !== 'number' || o.type < 1 || o.type > 11) {
      e.add([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.');
    }
    if (typeof o.name !== 'string' || !(ASCII_NAME.test(o.name) || CHAT_NAME.test(o.name))) {
      e.add([...p, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    } else if (names.has(o.name)) {
      e.add([...p, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option name already exists');
    } else {
      names.add(o.name);
    }
    e.lenRange([...p, 'description'], o.description, 1, 100);
    validateLocalizations(e, [...p, 'name_localizations'], o.name_localizations, 'chatName');
    validateLocalizations(e, [...p, 'description_localizations'], o.description_localizations, 'description');
    if (o.choices != null) {
      e.maxItems([...p, 'choices'], o.choices, 25);
      if (Array.isArray(o.choices)) {
        o.choices.forEach((c: any, j: number) => {
          e.lenRange([...p, 'choices', j, 'name'], c?.name, 1, 100);
          validateLocalizations(e, [...p, 'choices', j, 'name_localizations'], c?.name_localizations, 'choiceName');
        });
      }
    }
    const isSub = o.type === 1 || o.type === 2;
    if (isSub) {
      if (o.type === 2 && depth > 0) {
        e.add([...p, 'type'], 'APPLICATION_COMMAND_SUBCOMMAND_GROUP_DEPTH_EXCEEDED', 'Sub-command groups cannot be nested');
      }
      if (o.type === 1 && depth > 1) {
        e.add([...p, 'type'], 'APPLICATION_COMMAND_SUBCOMMAND_DEPTH_EXCEEDED', 'Sub-commands cannot be nested this deep');
      }
      validateOptions(o.options, [...p, 'options'], e, depth + 1);
    } else {
      if (o.required) {
        if (sawOptional) {
          e.add([...p, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
        }
      } else {
        sawOptional = true;
      }
      if (o.options != null) {
        e.add([...p, 'options'], 'APPLICATION_COMMAND_OPTION_OPTIONS_NOT_ALLOWED', 'Only sub-commands may have options');
      }
    }
  });
}

export function validateCommands(list: unknown): ApiError | undefined {
  const e = new FormErrors();
  if (!Array.isArray(list)) {
    e.add([], 'LIST_TYPE_CONVERT', 'Must be an array.');
    return e.result();
  }
  e.maxItems([], list, 100);
  const seen = new Set<string>();
  list.forEach((c: any, i) => validateCommand(c, [i], e, seen));
  return e.result();
}

export function validateCommand(c: any, path: Array<string | number>, e: FormErrors, seen?: Set<string>): void {
  if (!c || typeof c !== 'object') {
    e.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const type = c.type ?? 1;
  if (type === 1) {
    if (typeof c.name !== 'string' || !(ASCII_NAME.test(c.name) || CHAT_NAME.test(c.name))) {
      e.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    e.lenRange([...path, 'description'], c.description, 1, 100);
    validateLocalizations(e, [...path, 'name_localizations'], c.name_localizations, 'chatName');
    validateLocalizations(e, [...path, 'description_localizations'], c.description_localizations, 'description');
    validateOptions(c.options, [...path, 'options'], e, 0);
  } else {
    e.lenRange([...path, 'name'], c.name, 1, 32);
  }
  const key = `${type}:${c.name}`;
  if (seen) {
    if (seen.has(key)) {
      e.add([...path, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    }
    seen.add(key);
  }
}
