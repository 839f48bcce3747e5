/**
 * The Responder of one slash command or button press. Discord's rules: the first answer must come
 * within 3 seconds (dispatch defers slow commands right after validation), an ephemeral answer can
 * only be chosen with the first response, and the interaction token works for 15 minutes.
 */
import { MessageFlags } from 'discord.js';
import type { RepliableInteraction } from 'discord.js';
import type { MessageRef, Panel, Question, Responder, ResultImage } from '../../src/core/chat.ts';
import { UserError } from '../../src/core/errors.ts';
import { msg, SOURCE_LOCALE, t, type Locale } from '../../src/i18n/index.ts';
import { panelComponents, questionModal } from './panels.ts';
import { download } from './options.ts';
import { content } from './format.ts';
import { safe } from './errors.ts';
import { interactionRef, type InteractionInfo } from './refs.ts';
import type { DiscordStatuses } from './statuses.ts';

/** What a bot may upload when the interaction does not say (Discord's default for a server without boosts). */
const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** What a MessageRef keeps of the interaction, so its messages can be edited after a restart. */
function infoOf(i: RepliableInteraction): InteractionInfo {
  return { applicationId: i.applicationId, token: i.token, channelId: i.channelId ?? '', createdTimestamp: i.createdTimestamp };
}

export class InteractionResponder implements Responder {
  /** The @original response exists and is visible to everyone. */
  private publicOriginal = false;

  constructor(
    private readonly interaction: RepliableInteraction,
    private readonly statuses?: DiscordStatuses,
    /** The language of what the responder says on its own (a link for a file too large); absent: English. */
    private readonly locale: () => Promise<Locale> = () => Promise.resolve(SOURCE_LOCALE),
  ) {}

  /**
   * A running status: the command's own reply shows it (an interaction must be answered), and that
   * reply is the one later photos posted as messages edit.
   */
  async status(key: string, text: string): Promise<void> {
    const ref = await this.progress(text);
    if (this.statuses && ref?.messageId) await this.statuses.adopt(ref.chatId, key, text, ref.messageId);
  }

  /** The platform's "working on it": a public deferred reply (the new progress message of a job). */
  async acknowledge(): Promise<void> {
    const i = this.interaction;
    if (i.deferred || i.replied) return;
    try {
      await i.deferReply();
      this.publicOriginal = true;
    } catch (err) {
      throw safe('deferReply', err);
    }
  }

  async progress(text: string): Promise<MessageRef | undefined> {
    const i = this.interaction;
    try {
      let messageId: string | undefined;
      if (i.deferred || i.replied) {
        messageId = (await i.editReply({ content: content(text), embeds: [], components: [] })).id;
      } else {
        const response = await i.reply({ content: content(text), withResponse: true });
        messageId = response.resource?.message?.id;
        this.publicOriginal = true;
      }
      return interactionRef(infoOf(i), messageId);
    } catch (err) {
      throw safe('progress reply', err);
    }
  }

  async text(text: string, opts: { private?: boolean } = {}): Promise<void> {
    const i = this.interaction;
    const flags = opts.private ? MessageFlags.Ephemeral : undefined;
    try {
      if (!i.deferred && !i.replied) {
        await i.reply({ content: content(text), flags });
        this.publicOriginal = !opts.private;
      } else if (i.deferred && !i.replied && !opts.private) {
        await i.editReply({ content: content(text) });
      } else if (i.deferred && !i.replied && this.publicOriginal) {
        // A public "thinking…" cannot turn private: remove it and answer privately.
        await this.removeOriginal();
        await i.followUp({ content: content(text), flags });
      } else {
        await i.followUp({ content: content(text), flags });
      }
    } catch (err) {
      throw safe('reply', err);
    }
  }

  async error(text: string, opts: { userFault: boolean }): Promise<void> {
    const i = this.interaction;
    const body = { content: content(text), embeds: [], components: [] };
    try {
      if (!i.deferred && !i.replied) {
        // Nothing shown yet: a refusal stays between the bot and the user, with no public flash.
        await i.reply({ content: body.content, flags: opts.userFault ? MessageFlags.Ephemeral : undefined });
        this.publicOriginal = !opts.userFault;
      } else if (opts.userFault && this.publicOriginal) {
        await this.removeOriginal();
        await i.followUp({ content: body.content, flags: MessageFlags.Ephemeral });
      } else if (this.publicOriginal || (i.deferred && !i.replied)) {
        await i.editReply(body);
      } else {
        await i.followUp({ content: body.content, flags: opts.userFault ? MessageFlags.Ephemeral : undefined });
      }
    } catch (err) {
      throw safe('error reply', err);
    }
  }

  /** A modal: it must be the interaction's first answer, so the command asks before it defers. */
  async ask(question: Question): Promise<void> {
    const i = this.interaction;
    if (!('showModal' in i) || i.deferred || i.replied) throw new Error('a modal can only be the first answer to an interaction');
    try {
      await i.showModal(questionModal(question));
    } catch (err) {
      throw safe('showing a modal', err);
    }
  }

  /** The panel privately; when a control of a panel was used, that panel is redrawn in place. */
  async panel(panel: Panel): Promise<void> {
    const i = this.interaction;
    const body = { content: content(panel.text), components: panelComponents(panel) };
    try {
      if ((i.isMessageComponent() || (i.isModalSubmit() && i.isFromMessage())) && !i.deferred && !i.replied) await i.update(body);
      else if (!i.deferred && !i.replied) await i.reply({ ...body, flags: MessageFlags.Ephemeral });
      else await i.followUp({ ...body, flags: MessageFlags.Ephemeral });
    } catch (err) {
      throw safe('panel', err);
    }
  }

  /**
   * The image as an attachment, downloaded (bounded by what Discord lets the bot upload here) and
   * uploaded as it is, so it keeps its full resolution. One over the limit is given as its link.
   */
  async file(image: ResultImage, caption: string): Promise<void> {
    const i = this.interaction;
    let bytes: Uint8Array | undefined;
    try {
      bytes = await download(image.url, image.filename, i.attachmentSizeLimit || UPLOAD_LIMIT_BYTES);
    } catch (err) {
      if (err instanceof UserError && err.code === 'file_too_large') bytes = undefined;
      else throw new UserError('image_gone', msg('error-image-gone'), { cause: String(err) });
    }
    const body = bytes
      ? { content: content(caption), files: [{ attachment: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name: image.filename }], embeds: [], components: [] }
      : { content: content(t(await this.locale(), 'dc-file-too-large', { caption, url: image.url })), embeds: [], components: [] };
    try {
      if (!i.deferred && !i.replied) await i.reply(body);
      else if (i.deferred && !i.replied) await i.editReply(body);
      else await i.followUp(body);
    } catch (err) {
      throw safe('sending a file', err);
    }
  }

  /** Another task of the same press (🎉 Imagine all): a follow-up message of its own. */
  another(): Responder {
    return new FollowUpResponder(this.interaction);
  }

  private async removeOriginal(): Promise<void> {
    this.publicOriginal = false;
    try {
      await this.interaction.deleteReply();
    } catch {
      // Already gone (deleted by a moderator): the private follow-up still goes out.
    }
  }
}

/**
 * The reply channel of one more task of a press that starts several (🎉 Imagine all): a follow-up
 * message of the interaction, edited through the interaction webhook as the original is. Only used
 * after the first task has answered the interaction, so a follow-up never replaces its "thinking…".
 */
class FollowUpResponder implements Responder {
  private messageId?: string;

  constructor(private readonly interaction: RepliableInteraction) {}

  async progress(text: string): Promise<MessageRef | undefined> {
    const i = this.interaction;
    try {
      const message = this.messageId
        ? await i.editReply({ message: this.messageId, content: content(text), embeds: [], components: [] })
        : await i.followUp({ content: content(text) });
      this.messageId = message.id;
      return interactionRef(infoOf(i), message.id);
    } catch (err) {
      throw safe('follow-up progress', err);
    }
  }

  async text(text: string, opts: { private?: boolean } = {}): Promise<void> {
    try {
      await this.interaction.followUp({ content: content(text), flags: opts.private ? MessageFlags.Ephemeral : undefined });
    } catch (err) {
      throw safe('follow-up', err);
    }
  }

  async error(text: string, opts: { userFault: boolean }): Promise<void> {
    const i = this.interaction;
    const shown = this.messageId;
    try {
      if (shown && !opts.userFault) {
        await i.editReply({ message: shown, content: content(text), embeds: [], components: [] });
        return;
      }
      if (shown) {
        // The user's own problem is told privately: the public progress message goes.
        this.messageId = undefined;
        await i.deleteReply(shown).catch(() => undefined);
      }
      await i.followUp({ content: content(text), flags: opts.userFault ? MessageFlags.Ephemeral : undefined });
    } catch (err) {
      throw safe('follow-up error', err);
    }
  }
}
