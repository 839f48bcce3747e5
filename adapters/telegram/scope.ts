/** Where a Telegram command or button press came from, as the core sees it. */
import type { Chat, User } from 'grammy/types';
import type { Scope } from '../../src/core/chat.ts';

export function displayName(user: User): string {
  return user.username ? `@${user.username}` : user.first_name;
}

export function telegramScope(chat: Pick<Chat, 'id' | 'type'>, from: User): Scope {
  return {
    platform: 'telegram',
    chatId: String(chat.id),
    userId: String(from.id),
    userName: displayName(from),
    isPrivate: chat.type === 'private',
    // The language of the user's Telegram app (`es`, `pt-br`, `zh-hans`); optional in the Bot API.
    ...(from.language_code ? { platformLocale: from.language_code } : {}),
  };
}
