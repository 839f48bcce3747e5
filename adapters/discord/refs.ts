/**
 * MessageRefs for Discord. A ref must survive a restart, so it holds ids and, for a message that
 * answers an interaction, the interaction token with the moment it stops working (15 minutes after
 * the interaction, less a margin so an edit never races the expiry).
 */
import type { MessageRef } from '../../src/core/chat.ts';

export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;
export const TOKEN_MARGIN_MS = 60_000;

export interface InteractionInfo {
  applicationId: string;
  token: string;
  channelId: string;
  createdTimestamp: number;
}

export function interactionRef(i: InteractionInfo, messageId: string | undefined): MessageRef {
  const ref: MessageRef = {
    platform: 'discord',
    chatId: i.channelId,
    extra: { applicationId: i.applicationId, token: i.token, expiresAt: i.createdTimestamp + INTERACTION_TOKEN_LIFETIME_MS - TOKEN_MARGIN_MS },
  };
  if (messageId) ref.messageId = messageId;
  return ref;
}

/** The interaction token of a ref while it still works. */
export function liveToken(ref: MessageRef, now: number): { applicationId?: string; token: string } | undefined {
  const token = ref.extra?.token;
  const expiresAt = Number(ref.extra?.expiresAt);
  if (typeof token !== 'string' || !token || !Number.isFinite(expiresAt) || now >= expiresAt) return undefined;
  const applicationId = ref.extra?.applicationId;
  return { token, applicationId: typeof applicationId === 'string' ? applicationId : undefined };
}

/** When the interaction behind a ref was created (its token's expiry tells), for a ref that has one. */
export function interactionCreatedAt(ref: MessageRef): number | undefined {
  const expiresAt = Number(ref.extra?.expiresAt);
  return Number.isFinite(expiresAt) ? expiresAt - (INTERACTION_TOKEN_LIFETIME_MS - TOKEN_MARGIN_MS) : undefined;
}

/** A stable key per message, for coalescing edits. */
export function refKey(ref: MessageRef): string {
  return ref.messageId ? `${ref.chatId}:${ref.messageId}` : `token:${String(ref.extra?.token ?? '')}`;
}
