/**
 * Maps Telegram updates to commands: a command message (text, or the caption of a photo or file)
 * and a press of a result button. Both only pull ids and options out of the update and hand them
 * to `dispatch`, the same path the Discord adapter takes.
 */
import type { Bot } from 'grammy';
import type { Chat, Message, User } from 'grammy/types';
import type { Logger } from '../../src/logger.ts';
import type { CommandContext, CommandSpec, RawOptions, Services } from '../../src/core/command.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import { commandAttachments, type FileSource } from './attachments.ts';
import { commandHead, parseArgs, resolveCommand } from './parse.ts';
import { telegramUsage } from './usage.ts';
import { telegramScope } from './scope.ts';
import { CallbackAnswer, TelegramResponder } from './responder.ts';
import type { Messenger } from './messenger.ts';
import type { TelegramPort } from './port.ts';

export interface HandlerDeps {
  services: Services;
  commands: readonly CommandSpec[];
  log: Logger;
  messenger: Messenger;
  port: TelegramPort;
  files: FileSource;
}

const HINT = 'To make images, send /imagine followed by what you want to see, e.g. /imagine a red fox in fresh snow. /help lists everything I can do.';
const STALE_BUTTON = "This button doesn't work here: it belongs to another chat or has expired. Start a new one with /imagine.";

/** Raw options of a command message: the parsed text, and the files for the first attachment option. */
export function messageOptions(spec: CommandSpec, args: string, message: Message, files: FileSource): RawOptions {
  const raw = parseArgs(spec, args);
  const slot = spec.options.find((o) => o.type === 'attachment');
  if (slot) {
    const attachments = commandAttachments(files, message);
    if (attachments.length > 0) raw[slot.name] = attachments;
  }
  return raw;
}

export function installHandlers(bot: Bot, deps: HandlerDeps): void {
  const { services, commands, log, messenger, port, files } = deps;
  const action = commands.find((c) => c.name === 'action');

  const context = (scope: CommandContext['scope'], respond: TelegramResponder, isGroupAdmin: () => Promise<boolean>): CommandContext => ({
    scope,
    respond,
    services,
    commands,
    usage: telegramUsage,
    isGroupAdmin,
  });

  /** Asks Telegram, never the message, whether the user administers the chat. */
  const adminCheck = (chat: Chat, user: User, senderChat?: Chat) => async (): Promise<boolean> => {
    if (chat.type === 'private') return false;
    // An anonymous admin posts as the group itself.
    if (senderChat?.id === chat.id) return true;
    const member = await messenger.api.getChatMember(chat.id, user.id);
    return member.status === 'administrator' || member.status === 'creator';
  };

  bot.on('message', async (ctx) => {
    const message = ctx.message;
    const from = message.from;
    const head = commandHead(message.text ?? message.caption, message.entities ?? message.caption_entities);
    const isPrivate = message.chat.type === 'private';
    if (!head) {
      if (isPrivate && message.text && from && !from.is_bot) await messenger.send(message.chat.id, HINT, { replyTo: message.message_id });
      return;
    }
    // `/imagine@otherbot` is for another bot in the group.
    if (head.target && head.target.toLowerCase() !== ctx.me.username.toLowerCase()) return;
    // Telegram opens a private chat with /start: greet with the help text.
    const found = resolveCommand(commands, head.name, head.args) ?? (head.name === 'start' ? resolveCommand(commands, 'help', '') : undefined);
    if (!found) {
      if (isPrivate) await messenger.send(message.chat.id, `I don't know /${head.name}. ${HINT}`, { replyTo: message.message_id });
      return;
    }
    if (found.kind === 'group') {
      const list = found.subcommands.map((c) => `• ${telegramUsage(c)} — ${c.description}`).join('\n');
      await messenger.send(message.chat.id, `/${found.group} needs one of:\n${list}`, { replyTo: message.message_id });
      return;
    }
    const { spec, args } = found;
    if (!from) return;
    const respond = new TelegramResponder({
      messenger,
      coalescer: (ref) => port.coalescer(ref),
      chatId: message.chat.id,
      replyTo: message.message_id,
    });
    log.debug({ command: spec.group ? `${spec.group} ${spec.name}` : spec.name, chatId: message.chat.id, userId: from.id }, 'telegram command');
    await dispatch(
      spec,
      () => messageOptions(spec, args, message, files),
      context(telegramScope(message.chat, from), respond, adminCheck(message.chat, from, message.sender_chat)),
      () => respond.acknowledge(),
    );
  });

  bot.on('callback_query', async (ctx) => {
    const query = ctx.callbackQuery;
    const answer = new CallbackAnswer(messenger, query.id);
    const pressed = query.message;
    // Only presses on our own messages in a chat carry a button id we can look up.
    if (!pressed || query.data === undefined || !action) {
      await answer.answer(STALE_BUTTON, true);
      return;
    }
    const respond = new TelegramResponder({
      messenger,
      coalescer: (ref) => port.coalescer(ref),
      chatId: pressed.chat.id,
      replyTo: pressed.message_id,
      callback: answer,
    });
    try {
      const commandContext = context(telegramScope(pressed.chat, query.from), respond, adminCheck(pressed.chat, query.from));
      await dispatch(action, { id: query.data }, commandContext, () => respond.acknowledge());
    } finally {
      await respond.finish();
    }
  });
}
