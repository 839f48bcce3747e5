// Interaction callbacks and interaction-token webhook routes of the fake Discord server.
import type { MultipartFile } from './discord-multipart.ts';
import { ERR, FormErrors, fromError, isError, noContent, ok, validateModal, type ApiError, type Ctx, type Reply } from './discord-limits.ts';
import { EPHEMERAL, LOADING, type DiscordStore, type StoredInteraction, type StoredMessage } from './discord-state.ts';

// --- interactions -------------------------------------------------------------------------------

function interactionMetadata(store: DiscordStore, i: StoredInteraction, originalId?: string): any {
  const out: any = {
    id: i.id,
    type: i.type,
    user: store.userJson(i.user),
    authorizing_integration_owners: i.payload.authorizing_integration_owners,
  };
  if (i.type === 2 && i.commandName) out.name = i.commandName;
  if (i.type === 3 && i.sourceMessage) out.interacted_message_id = i.sourceMessage.id;
  if (originalId) out.original_response_message_id = originalId;
  return out;
}

function interactionMessage(
  store: DiscordStore,
  i: StoredInteraction,
  data: any,
  files: MultipartFile[],
  opts: { loading?: boolean; originalId?: string } = {},
): StoredMessage | ApiError {
  const extra = {
    type: i.type === 2 ? 20 : 19,
    author: store.botUser,
    webhook_id: store.applicationId,
    application_id: store.applicationId,
    interaction_id: i.id,
    interaction_metadata: interactionMetadata(store, i, opts.originalId),
    allowEphemeral: true,
    allowEmpty: Boolean(opts.loading),
  };
  const body = opts.loading ? { flags: Number(data?.flags ?? 0) & EPHEMERAL } : data;
  const m = store.createMessage(i.channelId, body, files, extra);
  if (!isError(m) && opts.loading) m.flags |= LOADING;
  return m;
}

export function interactionCallback(c: Ctx): Reply {
  const { store, seg, method } = c;
  if (seg.length !== 4 || seg[3] !== 'callback') return fromError(ERR.notFound());
  if (method !== 'POST') return fromError(ERR.methodNotAllowed());
  const i = store.interactions.get(seg[1]!);
  if (!i || i.token !== seg[2]) return fromError(ERR.unknownInteraction());
  if (i.callbacks.length > 0) return fromError(ERR.alreadyAcknowledged());
  if (Date.now() - i.createdAt > store.interactionDeadlineMs) return fromError(ERR.unknownInteraction());
  const type = Number(c.body?.type);
  const data = c.body?.data;
  const badType = () => {
    const e = new FormErrors();
    e.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', 'Interaction response type is invalid for this interaction');
    return fromError(e.result()!);
  };
  let message: StoredMessage | undefined;
  switch (type) {
    case 1:
      break;
    case 4:
    case 5: {
      const m = interactionMessage(store, i, data ?? {}, c.files, { loading: type === 5 });
      if (isError(m)) return fromError(m);
      message = i.original = m;
      break;
    }
    case 6:
    case 7: {
      // A component's interaction, or a modal submitted from one (it may update that message too).
      if ((i.type !== 3 && i.type !== 5) || !i.sourceMessage) return badType();
      if (type === 7) {
        const err = store.editMessage(i.sourceMessage, data ?? {}, c.files);
        if (err) return fromError(err);
      }
      message = i.original = i.sourceMessage;
      break;
    }
    case 9: {
      // A modal answers a command or a component, never a modal submit.
      if (i.type !== 2 && i.type !== 3) return badType();
      const err = validateModal(data);
      if (err) return fromError(err);
      break;
    }
    default:
      return badType();
  }
  i.callbacks.push({ type, data, at: Date.now() });
  i.ephemeral = (type === 4 || type === 5) && (Number(data?.flags ?? 0) & EPHEMERAL) !== 0;
  store.changed();
  if (c.query.get('with_response') !== 'true') return noContent();
  const resource: any = { type };
  if (message) resource.message = store.messageJson(message);
  return ok({
    interaction: {
      id: i.id,
      type: i.type,
      activity_instance_id: null,
      response_message_id: message?.id ?? null,
      response_message_loading: type === 5,
      response_message_ephemeral: i.ephemeral,
    },
    resource,
  });
}

export function webhooks(c: Ctx): Reply {
  const { store, seg, method } = c;
  const [, app, token, sub, messageId] = seg;
  if (!app || !token) return fromError(ERR.notFound());
  if (app !== store.applicationId) return fromError(ERR.unknownWebhook());
  const i = store.interactionsByToken.get(token);
  if (!i || Date.now() - i.createdAt > store.tokenLifetimeMs) return fromError(ERR.invalidWebhookToken());
  if (!sub) {
    if (method === 'GET') {
      return ok({ id: app, type: 3, application_id: app, name: store.botUser.username, avatar: null, channel_id: null, guild_id: null });
    }
    if (method !== 'POST') return fromError(ERR.methodNotAllowed());
    if (i.callbacks.length === 0) return fromError(ERR.unknownWebhook());
    const original = i.original;
    if (original && !original.deleted && original.flags & LOADING && i.callbacks[0]?.type === 5) {
      // Discord: the first follow-up after a deferred reply replaces the "thinking" message.
      const err = store.editMessage(original, c.body ?? {}, c.files, false);
      if (err) return fromError(err);
      i.followups.push(original);
      return ok(store.messageJson(original));
    }
    const m = interactionMessage(store, i, c.body ?? {}, c.files, { originalId: original?.id });
    if (isError(m)) return fromError(m);
    i.followups.push(m);
    store.changed();
    return ok(store.messageJson(m));
  }
  if (sub !== 'messages' || !messageId) return fromError(ERR.notFound());
  const target =
    messageId === '@original' ? i.original : [i.original, ...i.followups].find((m) => m?.id === messageId);
  const m: StoredMessage | undefined = target && !target.deleted ? (target as StoredMessage) : undefined;
  if (!m) return fromError(ERR.unknownMessage());
  if (method === 'GET') return ok(store.messageJson(m));
  if (method === 'PATCH') {
    const err = store.editMessage(m, c.body ?? {}, c.files);
    return err ? fromError(err) : ok(store.messageJson(m));
  }
  if (method === 'DELETE') {
    store.deleteMessage(m);
    return noContent();
  }
  return fromError(ERR.methodNotAllowed());
}

