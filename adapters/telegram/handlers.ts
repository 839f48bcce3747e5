/**
 * Maps Telegram updates to commands: a command message (text, or the caption of a photo, a file or
 * an album), photos sent to an open photo set, and a press of a result button. Each only pulls ids
 * and options out of the update and hands them to `dispatch`, the same path the Discord adapter takes.
 */
import type { Bot } from 'grammy';
import type { Chat, Message, User } from 'grammy/types';
import type { Logger } from '../../src/logger.ts';
import type { CommandCall, CommandSpec, RawOptions, Services } from '../../src/core/command.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import type { IncomingAttachment, Scope } from '../../src/core/chat.ts';
import { CommandTexts } from '../../src/core/command-text.ts';
import { negotiateLocale, SOURCE_LOCALE, t, type Locale } from '../../src/i18n/index.ts';
import { collectCommand, routePayload } from '../../commands/index.ts';
import { imageCommand, notHereText } from '../../commands/image-command.ts';
import { photoHint } from '../../commands/photo-hint.ts';
import { Cooldown } from '../shared/cooldown.ts';
import { answersFrom, QUESTION_LIFETIME_MS, storedQuestion } from './questions.ts';
import { hasFile, setAttachments, type FileSource } from './attachments.ts';
import { ALBUM_DEFAULTS, AlbumBuffer } from './albums.ts';
import { commandFiles, explainIncomplete, fillAttachmentOptions, incompleteAlbumText } from './command-files.ts';
import { RECENT_ALBUM_DEFAULTS, RecentAlbums } from './recent-albums.ts';
import { commandHead, parseArgs, resolveCommand, type CommandHead } from './parse.ts';
import { telegramUsage } from './usage.ts';
import { displayName, telegramScope } from './scope.ts';
import { CallbackAnswer, TelegramResponder } from './responder.ts';
import type { Messenger } from './messenger.ts';
import type { TelegramPort } from './port.ts';
import { updateKey } from './inbox.ts';

export interface HandlerDeps {
  services: Services;
  commands: readonly CommandSpec[];
  log: Logger;
  messenger: Messenger;
  port: TelegramPort;
  files: FileSource;
  /** Where photos sent to an open photo set go (default: the registry's collect command). */
  collect?: CommandSpec;
  /** Album gathering (tests shorten the wait). */
  albums?: Partial<typeof ALBUM_DEFAULTS>;
  /** Albums remembered for commands sent as replies to one of their photos. */
  recentAlbums?: RecentAlbums;
}

/** A private chat is told what a stray photo is good for at most this often. */
const PHOTO_HINT_EVERY_MS = 10 * 60_000;

/**
 * How a private chat is pointed at making images: the image command this bot offers, never one it
 * does not have.
 */
function startHint(commands: readonly CommandSpec[], locale: Locale): string {
  const make = imageCommand(commands);
  return make ? t(locale, 'tg-start-hint', { command: make }) : t(locale, 'tg-help-hint');
}

/** Raw options of a command message: the parsed text, and its files in the attachment options. */
export function messageOptions(spec: CommandSpec, args: string, attachments: readonly IncomingAttachment[]): RawOptions {
  const raw = parseArgs(spec, args);
  fillAttachmentOptions(spec, raw, attachments);
  return raw;
}

/** What the adapter needs back from the handlers: albums still being gathered are handled on shutdown. */
export interface InstalledHandlers {
  flushAlbums(): void;
}

export function installHandlers(bot: Bot, deps: HandlerDeps): InstalledHandlers {
  const { services, commands, log, messenger, port, files } = deps;
  const texts = new CommandTexts();
  const photoHints = new Cooldown(PHOTO_HINT_EVERY_MS);
  const collect = deps.collect ?? collectCommand;
  const recentAlbums = deps.recentAlbums ?? new RecentAlbums(RECENT_ALBUM_DEFAULTS);

  /** The update each message came in, so what a command starts names it as its origin. */
  const updateOf = new WeakMap<Message, number>();
  const originOf = (message: Message): string | undefined => {
    const id = updateOf.get(message);
    return id === undefined ? undefined : updateKey(bot.botInfo.id, id);
  };

  const context = (
    scope: CommandCall['scope'],
    respond: TelegramResponder,
    isGroupAdmin: () => Promise<boolean>,
    origin: string | undefined,
  ): CommandCall => ({
    scope,
    respond,
    services,
    commands,
    usage: telegramUsage,
    isGroupAdmin,
    origin,
  });

  /** Asks Telegram, never the message, whether the user administers the chat. */
  const adminCheck = (chat: Chat, user: User, senderChat?: Chat) => async (): Promise<boolean> => {
    if (chat.type === 'private') return false;
    // An anonymous admin posts as the group itself.
    if (senderChat?.id === chat.id) return true;
    const member = await messenger.api.getChatMember(chat.id, user.id);
    return member.status === 'administrator' || member.status === 'creator';
  };

  /**
   * The language to say something in to `from` in `chat` (what dispatch would answer a command in):
   * their choice, their app's, the group's; English when the settings cannot be read.
   */
  const localeIn = (chat: Pick<Chat, 'id' | 'type'>, from: User | undefined): Promise<Locale> => {
    if (!from) return Promise.resolve(SOURCE_LOCALE);
    const scope: Scope = telegramScope(chat, from);
    return services.settings.localeOf(scope).catch((err: unknown) => {
      log.warn({ err }, 'could not read the language settings; answering in English');
      return negotiateLocale([from.language_code]);
    });
  };

  const { store } = services;
  /** A refusal in a group: combined with the others of its kind, the first a reply to `replyTo`. */
  const refuseIn = (chatId: number, replyTo: number, user: User, locale: () => Promise<Locale>) => async (code: string, text: string) =>
    port.refusals.add(String(chatId), { code, text, userId: String(user.id), who: displayName(user), locale: await locale() }, replyTo, {
      send: async (t) => (await messenger.send(chatId, t, { replyTo })).message_id,
      edit: (messageId, t) => messenger.edit(chatId, messageId, t),
    });

  /** The reply channel towards `user` in a chat; what it asks is remembered so their reply answers it. */
  const responder = (chat: Pick<Chat, 'id' | 'type'>, replyTo: number, user: User, callback?: CallbackAnswer) => {
    const chatId = chat.id;
    // Read once, when a text of the adapter's own first needs it (a question, a refusal combined).
    let locale: Promise<Locale> | undefined;
    const localeOnce = () => (locale ??= localeIn(chat, user));
    return new TelegramResponder({
      messenger,
      cancelProgress: (ref) => port.cancelProgress(ref),
      chatId,
      replyTo,
      callback,
      user,
      locale: localeOnce,
      remember: (messageId, userId, question) => store.asks.put('telegram', String(chatId), String(messageId), String(userId), question, Date.now()),
      statuses: port.statuses,
      // Group and supergroup ids are negative; a private chat's refusals stay replies of their own.
      ...(chatId < 0 ? { refuse: refuseIn(chatId, replyTo, user, localeOnce) } : {}),
    });
  };

  /** Whether the allow and deny lists let this message's sender and chat hear from the bot. */
  const permitted = async (message: Message): Promise<boolean> => {
    if (!message.from) return true;
    if (await services.access.permits(telegramScope(message.chat, message.from))) return true;
    log.debug({ chatId: message.chat.id, userId: message.from.id }, 'not answering a refused user or chat outside a command');
    return false;
  };

  /**
   * A command message (text, or the caption of a photo, a file or an album). `parts` is the whole
   * album when the command came as an album's caption: its files all go to the command.
   */
  const runCommand = async (message: Message, head: CommandHead, parts: readonly Message[]): Promise<void> => {
    const from = message.from;
    const isPrivate = message.chat.type === 'private';
    // `/imagine@otherbot` is for another bot in the group.
    if (head.target && head.target.toLowerCase() !== bot.botInfo.username.toLowerCase()) return;
    // Telegram opens a private chat with /start: greet with the help text.
    const found = resolveCommand(commands, head.name, head.args) ?? (head.name === 'start' ? resolveCommand(commands, 'help', '') : undefined);
    // What is said outside a command (dispatch refuses commands itself) a refused person or place does not hear.
    if ((!found || found.kind === 'group') && !(await permitted(message))) return;
    if (!found) {
      if (isPrivate) {
        const locale = await localeIn(message.chat, from);
        await messenger.send(message.chat.id, t(locale, 'tg-unknown-command', { command: head.name, hint: startHint(commands, locale) }), { replyTo: message.message_id });
      }
      return;
    }
    if (found.kind === 'group') {
      const locale = await localeIn(message.chat, from);
      const list = found.subcommands.map((c) => `• ${telegramUsage(c, locale, texts)} — ${texts.description(locale, c)}`).join('\n');
      await messenger.send(message.chat.id, t(locale, 'tg-group-needs', { group: found.group, list }), { replyTo: message.message_id });
      return;
    }
    const { spec, args } = found;
    if (!from) return;
    const respond = responder(message.chat, message.message_id, from);
    log.debug({ command: spec.group ? `${spec.group} ${spec.name}` : spec.name, chatId: message.chat.id, userId: from.id }, 'telegram command');
    // /photos add (collect is its hidden twin) names the photos the way its reply does.
    const forSet = spec === collect || spec.run === collect.run;
    const brought = forSet ? { files: setAttachments(files, parts, await localeIn(message.chat, from)), incomplete: false } : commandFiles(files, message, parts, recentAlbums);
    if (explainIncomplete(spec, brought) && (await permitted(message))) {
      // Say why photos are missing, and what works, rather than run on a part of what was sent.
      await messenger.send(message.chat.id, incompleteAlbumText(spec.name, isPrivate, await localeIn(message.chat, from)), { replyTo: message.message_id });
      return;
    }
    await dispatch(
      spec,
      () => messageOptions(spec, args, brought.files),
      context(telegramScope(message.chat, from), respond, adminCheck(message.chat, from, message.sender_chat), originOf(message)),
      () => respond.acknowledge(),
    );
  };

  /**
   * Photos and files sent without a command: they belong to the sender's open photo set in this
   * chat, if they have one. Otherwise a private chat is told what a photo is good for here (once
   * in a while, not for every photo of a burst); a group is never told about them.
   */
  const collectPhotos = async (parts: readonly Message[]): Promise<void> => {
    const first = parts[0]!;
    const from = first.from;
    if (!from || from.is_bot || !parts.some(hasFile)) return;
    const scope = telegramScope(first.chat, from);
    if (!(await services.photos.collecting(scope))) {
      const isImage = parts.some((p) => p.photo || p.document?.mime_type?.startsWith('image/'));
      if (!scope.isPrivate || !isImage) return;
      const locale = await localeIn(first.chat, from);
      const hint = photoHint(commands, (command) => t(locale, 'tg-photo-hint-use', { command }), locale);
      if (hint && (await services.access.permits(scope)) && photoHints.take(String(first.chat.id))) {
        await messenger.send(first.chat.id, hint, { replyTo: first.message_id });
      }
      return;
    }
    const respond = responder(first.chat, first.message_id, from);
    log.debug({ command: 'photos collect', chatId: first.chat.id, userId: from.id, parts: parts.length }, 'telegram photos for a set');
    // The photos are named in the reply ("Photo 3 is too small") in the sender's language.
    const locale = await localeIn(first.chat, from);
    await dispatch(
      collect,
      () => ({ image: setAttachments(files, parts, locale) }),
      context(scope, respond, adminCheck(first.chat, from, first.sender_chat), originOf(first)),
      () => respond.acknowledge(),
    );
  };

  /**
   * A reply to a question the bot asked (a remix prompt, a zoom factor, a suffix): the answer goes
   * to the command the question came from, as the answers of its payload. Only the user it was
   * asked of answers it; true when the message was such an answer.
   */
  const answerQuestion = async (message: Message): Promise<boolean> => {
    const asked = message.reply_to_message;
    const from = message.from;
    if (!asked || asked.from?.id !== bot.botInfo.id || message.text === undefined || !from) return false;
    const stored = await store.asks.get('telegram', String(message.chat.id), String(asked.message_id));
    if (!stored) return false;
    const question = storedQuestion.safeParse(stored.question);
    if (!question.success || Date.now() - stored.createdAt > QUESTION_LIFETIME_MS) return false;
    if (stored.userId !== String(from.id)) return true; // someone else's question: not theirs to answer
    await store.asks.remove('telegram', String(message.chat.id), String(asked.message_id));
    const routed = routePayload(question.data.target, answersFrom(question.data, message.text));
    if (!routed) return true;
    const respond = responder(message.chat, message.message_id, from);
    log.debug({ target: question.data.target.split(':')[0], chatId: message.chat.id, userId: from.id }, 'telegram answer');
    await dispatch(routed.spec, routed.raw, context(telegramScope(message.chat, from), respond, adminCheck(message.chat, from), originOf(message)), () => respond.acknowledge());
    return true;
  };

  /** One message, or every part of an album in message order. */
  const onMessages = async (parts: readonly Message[]): Promise<void> => {
    recentAlbums.remember(parts);
    for (const part of parts) {
      const head = commandHead(part.text ?? part.caption, part.entities ?? part.caption_entities);
      if (head) return runCommand(part, head, parts);
    }
    if (parts.length === 1 && (await answerQuestion(parts[0]!))) return;
    if (parts.some(hasFile)) return collectPhotos(parts);
    const message = parts[0]!;
    const from = message.from;
    if (message.chat.type === 'private' && message.text && from && !from.is_bot) {
      await messenger.send(message.chat.id, startHint(commands, await localeIn(message.chat, from)), { replyTo: message.message_id });
    }
  };

  const albums = new AlbumBuffer({
    ...ALBUM_DEFAULTS,
    ...deps.albums,
    onAlbum: (parts) => onMessages(parts),
    onError: (err) => log.error({ err }, 'telegram album failed'),
  });

  bot.on('message', async (ctx) => {
    const message = ctx.message;
    updateOf.set(message, ctx.update.update_id);
    // The parts of an album are gathered and handled together; other messages at once.
    if (message.media_group_id) await albums.add(message);
    else await onMessages([message]);
  });

  bot.on('callback_query', async (ctx) => {
    const query = ctx.callbackQuery;
    const answer = new CallbackAnswer(messenger, query.id);
    const pressed = query.message;
    // Only presses on our own messages in a chat carry a payload we can look up: a result button
    // (act:<id>) or a /settings control (set:…).
    const routed = query.data === undefined ? undefined : routePayload(query.data);
    if (!pressed || !routed) {
      const locale = pressed ? await localeIn(pressed.chat, query.from) : negotiateLocale([query.from.language_code]);
      await answer.answer(pressed && query.data !== undefined ? t(locale, 'tg-not-mine') : notHereText(commands, locale), true);
      return;
    }
    const respond = responder(pressed.chat, pressed.message_id, query.from, answer);
    try {
      const commandContext = context(
        telegramScope(pressed.chat, query.from),
        respond,
        adminCheck(pressed.chat, query.from),
        updateKey(bot.botInfo.id, ctx.update.update_id),
      );
      await dispatch(routed.spec, routed.raw, commandContext, () => respond.acknowledge());
    } finally {
      await respond.finish();
    }
  });

  return { flushAlbums: () => albums.flushAll() };
}
