/**
 * interactionCreate: pulls ids and options out of the Discord object and runs the command through
 * the shared dispatch (the Sapphire pattern). Slash commands map by name; every button is an
 * `act:<id>` handed to the action command, which checks it belongs to this channel.
 */
import { GuildMember, PermissionFlagsBits } from 'discord.js';
import type { ChatInputCommandInteraction, Interaction, ModalSubmitInteraction, RepliableInteraction } from 'discord.js';
import type { Scope } from '../../src/core/chat.ts';
import type { CommandCall, CommandSpec, Services } from '../../src/core/command.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import type { Logger } from '../../src/logger.ts';
import { negotiateLocale, t, type Locale } from '../../src/i18n/index.ts';
import { routePayload } from '../../commands/index.ts';
import { MODAL_PREFIX } from './panels.ts';
import { safe } from './errors.ts';
import { readOptions } from './options.ts';
import { InteractionResponder } from './responder.ts';
import type { DiscordStatuses } from './statuses.ts';
import { discordUsage, findSpec } from './slash-commands.ts';

export interface InteractionDeps {
  services: Services;
  commands: readonly CommandSpec[];
  log: Logger;
  /** Running statuses (a photo set's count), shared with photos posted as messages. */
  statuses?: DiscordStatuses;
}


export function scopeOf(interaction: RepliableInteraction): Scope {
  const { user, member } = interaction;
  const memberName = member instanceof GuildMember ? member.displayName : (member?.nick ?? undefined);
  return {
    platform: 'discord',
    guildId: interaction.guildId ?? undefined,
    chatId: interaction.channelId ?? '',
    userId: user.id,
    userName: memberName ?? user.globalName ?? user.username,
    isPrivate: !interaction.guildId,
    // The user's client language (`pt-BR`, `es-419`), and in a server the server's own.
    ...(interaction.locale ? { platformLocale: interaction.locale } : {}),
    ...(interaction.guildLocale ? { guildLocale: interaction.guildLocale } : {}),
  };
}

/**
 * The language of what the adapter says on its own to this interaction's user (what dispatch would
 * answer a command in), read once when first needed; their client's alone when the settings cannot
 * be read.
 */
function localeGetter(interaction: RepliableInteraction, scope: Scope, deps: InteractionDeps): () => Promise<Locale> {
  let locale: Promise<Locale> | undefined;
  return () =>
    (locale ??= deps.services.settings.localeOf(scope).catch((err: unknown) => {
      deps.log.warn({ err }, 'could not read the language settings; answering in the client language');
      return negotiateLocale([interaction.locale, interaction.guildLocale ?? undefined]);
    }));
}

function context(interaction: RepliableInteraction, deps: InteractionDeps): { ctx: CommandCall; responder: InteractionResponder; locale: () => Promise<Locale> } {
  const scope = scopeOf(interaction);
  const locale = localeGetter(interaction, scope, deps);
  const responder = new InteractionResponder(interaction, deps.statuses, locale);
  const ctx: CommandCall = {
    scope,
    respond: responder,
    services: deps.services,
    commands: deps.commands,
    usage: discordUsage,
    // From the interaction itself: Discord computes the member's permissions in this channel.
    isGroupAdmin: async () => Boolean(interaction.guildId && interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)),
    // A gateway resume may dispatch an interaction again: it must not start its job twice.
    origin: `discord:interaction:${interaction.id}`,
  };
  return { ctx, responder, locale };
}

async function onSlashCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const { ctx, responder, locale } = context(interaction, deps);
  const spec = findSpec(deps.commands, interaction.commandName, interaction.options.getSubcommand(false));
  if (!spec) {
    await responder.error(t(await locale(), 'dc-unknown-command'), { userFault: true });
    return;
  }
  await dispatch(spec, () => readOptions(interaction, spec), ctx, () => responder.acknowledge());
}

/**
 * A control of one of our messages: a result button (`act:<id>`), a /settings button or select
 * (`set:…`), or a modal submit answering what one of them asked. Each goes to the command its
 * payload names; anything else is refused as stale.
 */
async function onControl(interaction: RepliableInteraction, payload: string, answers: Record<string, string>, deps: InteractionDeps): Promise<void> {
  const { ctx, responder, locale } = context(interaction, deps);
  const routed = routePayload(payload, answers);
  if (!routed) {
    await responder.error(t(await locale(), 'dc-not-mine'), { userFault: true });
    return;
  }
  // Anyone in the channel may press a result button; the command refuses buttons of other chats.
  // A result button's deferred reply becomes a new message: the progress message of the new job.
  await dispatch(routed.spec, routed.raw, ctx, () => responder.acknowledge());
}

/** The text inputs of a submitted modal, by their custom ids. */
function modalAnswers(interaction: ModalSubmitInteraction): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [name, field] of interaction.fields.fields) if ('value' in field && typeof field.value === 'string') answers[name] = field.value;
  return answers;
}

export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await onSlashCommand(interaction, deps);
    else if (interaction.isButton()) await onControl(interaction, interaction.customId, {}, deps);
    else if (interaction.isStringSelectMenu()) await onControl(interaction, `${interaction.customId}=${interaction.values[0] ?? ''}`, {}, deps);
    else if (interaction.isModalSubmit() && interaction.customId.startsWith(MODAL_PREFIX)) {
      await onControl(interaction, interaction.customId.slice(MODAL_PREFIX.length), modalAnswers(interaction), deps);
    }
  } catch (err) {
    deps.log.error({ err: safe('handling an interaction', err), interactionType: interaction.type }, 'interaction handler failed');
  }
}
