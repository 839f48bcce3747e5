/**
 * messageCreate: photos posted as ordinary messages while their author has a photo set open in
 * that channel go to the hidden collect command, several attachments per message; the count is
 * answered as a reply to that message. Everything else is ignored silently: the bot never answers
 * chatter, other bots or itself.
 *
 * What Discord lets the bot see: without the privileged Message Content intent, a guild message
 * arrives with its content and attachments blanked unless it @mentions the bot; DMs always arrive
 * whole. So without DISCORD_MESSAGE_CONTENT, photos must be sent in a DM, with an @mention, or
 * with /photos add.
 */
import { GuildMember, PermissionFlagsBits, Routes } from 'discord.js';
import type { Message, REST, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { MessageRef, Responder, Scope } from '../../src/core/chat.ts';
import type { CommandCall } from '../../src/core/command.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import { SOURCE_LOCALE, t } from '../../src/i18n/index.ts';
import { collectCommand } from '../../commands/index.ts';
import { photoHint } from '../../commands/photo-hint.ts';
import { Cooldown } from '../shared/cooldown.ts';
import type { DiscordStatuses } from './statuses.ts';
import { content } from './format.ts';
import { safe } from './errors.ts';
import type { InteractionDeps } from './interactions.ts';
import { toIncomingAttachment } from './options.ts';
import { discordUsage } from './slash-commands.ts';

export interface MessageDeps extends InteractionDeps {
  rest: REST;
  /** Which DMs were told lately what a stray photo is good for (see photoHintCooldown). */
  photoHints: Cooldown;
}

/** A private chat is told what a stray photo is good for at most once per ten minutes. */
export function photoHintCooldown(): Cooldown {
  return new Cooldown(10 * 60_000);
}

type UserMessage = Pick<Message, 'id' | 'channelId' | 'guildId' | 'author' | 'member' | 'attachments' | 'webhookId' | 'system'>;

export function scopeOfMessage(message: UserMessage): Scope {
  const { author, member } = message;
  return {
    platform: 'discord',
    guildId: message.guildId ?? undefined,
    chatId: message.channelId,
    userId: author.id,
    userName: (member instanceof GuildMember ? member.displayName : undefined) ?? author.globalName ?? author.username,
    isPrivate: !message.guildId,
  };
}

/**
 * Answers one message with replies in its channel (a message has no private answers). Replies
 * point at the message but never ping anyone, the author included.
 */
export class MessageResponder implements Responder {
  constructor(
    private readonly rest: REST,
    private readonly message: { id: string; channelId: string },
    private readonly statuses?: DiscordStatuses,
  ) {}

  /** A running status: a reply to this message at first, then edited as later messages update it. */
  async status(key: string, text: string): Promise<void> {
    if (!this.statuses) return this.text(text);
    await this.statuses.show(this.message.channelId, key, text, this.message.id);
  }

  /** "Working on it": the typing indicator; best effort. */
  async acknowledge(): Promise<void> {
    await this.rest.post(Routes.channelTyping(this.message.channelId)).catch(() => undefined);
  }

  async progress(text: string): Promise<MessageRef | undefined> {
    const posted = await this.reply(text);
    return { platform: 'discord', chatId: posted.channel_id || this.message.channelId, messageId: posted.id };
  }

  async text(text: string): Promise<void> {
    await this.reply(text);
  }

  async error(text: string): Promise<void> {
    await this.reply(text);
  }

  private async reply(text: string): Promise<{ id: string; channel_id: string }> {
    const body: RESTPostAPIChannelMessageJSONBody = {
      content: content(text),
      // Still posted if the user deleted their message meanwhile.
      message_reference: { message_id: this.message.id, channel_id: this.message.channelId, fail_if_not_exists: false },
      allowed_mentions: { parse: [], replied_user: false },
    };
    try {
      return (await this.rest.post(Routes.channelMessages(this.message.channelId), { body })) as { id: string; channel_id: string };
    } catch (err) {
      throw safe('replying to a message', err);
    }
  }
}

/** The scope of a message with attachments from a person (never a bot, a webhook or the system). */
function withFiles(message: UserMessage): Scope | undefined {
  if (message.author.bot || message.webhookId || message.system) return undefined;
  if (message.attachments.size === 0) return undefined;
  return scopeOfMessage(message);
}

/**
 * A photo in a DM with no photo set open: what it is good for here (once in a while, not for
 * every photo of a burst). A server channel is never told.
 */
async function hintAtPhoto(message: UserMessage, scope: Scope, deps: MessageDeps): Promise<void> {
  const isImage = [...message.attachments.values()].some((a) => a.contentType?.startsWith('image/'));
  if (!scope.isPrivate || !isImage) return;
  const locale = await deps.services.settings.localeOf(scope).catch((err: unknown) => {
    deps.log.warn({ err }, 'could not read the language settings; answering in English');
    return SOURCE_LOCALE;
  });
  const hint = photoHint(deps.commands, (command) => t(locale, 'dc-photo-hint-use', { command }), locale);
  if (!hint || !deps.photoHints.take(scope.chatId)) return;
  await new MessageResponder(deps.rest, { id: message.id, channelId: message.channelId }).text(hint);
}

export async function handleMessage(message: UserMessage, deps: MessageDeps): Promise<void> {
  try {
    // Every message moves the channel on: a running status far above it is posted again.
    deps.statuses?.saw(message.channelId);
    const scope = withFiles(message);
    if (!scope) return;
    if (!(await deps.services.photos.collecting(scope))) {
      await hintAtPhoto(message, scope, deps);
      return;
    }
    const spec = deps.commands.find((c) => c.hidden && c.group === collectCommand.group && c.name === collectCommand.name) ?? collectCommand;
    const responder = new MessageResponder(deps.rest, { id: message.id, channelId: message.channelId }, deps.statuses);
    const ctx: CommandCall = {
      scope,
      respond: responder,
      services: deps.services,
      commands: deps.commands,
      usage: discordUsage,
      isGroupAdmin: async () => {
        const member = message.member;
        return Boolean(message.guildId && member instanceof GuildMember && member.permissions.has(PermissionFlagsBits.ManageGuild));
      },
    };
    const image = [...message.attachments.values()].map(toIncomingAttachment);
    await dispatch(spec, { image }, ctx, () => responder.acknowledge());
  } catch (err) {
    deps.log.error({ err: safe('handling a message', err), channelId: message.channelId }, 'message handler failed');
  }
}
