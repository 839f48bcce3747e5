// The remaining Bot API methods of the fake: bot info, commands, callbacks, files, chats.
import { badRequest } from './telegram-format.ts';
import type { Handler, Params } from './telegram-messages.ts';
import type { TelegramState, TgUser } from './telegram-state.ts';

const CALLBACK_TTL_MS = 15_000;
const TOO_OLD = 'query is too old and response timeout expired or query ID is invalid';

/** The BotCommandScope types of the Bot API; the chat ones name a chat the bot knows. */
const SCOPE_TYPES = new Set(['default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators', 'chat', 'chat_administrators', 'chat_member']);

/** Where a command list is stored: the scope (its chat resolved to an id) and the language. */
export function commandKey(st: TelegramState, scope: any, languageCode = ''): string {
  const s = scope ?? { type: 'default' };
  if (typeof s !== 'object' || !SCOPE_TYPES.has(s.type)) throw badRequest('unsupported bot command scope type');
  const chatId = s.type.startsWith('chat') ? st.chat(s.chat_id).id : '';
  if (s.type === 'chat_administrators' || s.type === 'chat_member') {
    if (st.chat(s.chat_id).type === 'private') throw badRequest('there are no administrators in the private chat');
  }
  const userId = s.type === 'chat_member' ? Number(s.user_id) : '';
  if (s.type === 'chat_member' && !Number.isSafeInteger(userId)) throw badRequest('user not found');
  return `${s.type}|${chatId}|${userId}|${languageCode}`;
}

export function miscHandlers(st: TelegramState, pendingUpdates: () => number): Record<string, Handler> {
  const member = (chatId: number, user: TgUser) => {
    const a = st.admins.get(chatId);
    if (a?.creator === user.id) return { status: 'creator', user, is_anonymous: false };
    if (a?.ids.has(user.id)) {
      return {
        status: 'administrator', user, can_be_edited: false, is_anonymous: false, can_manage_chat: true,
        can_delete_messages: true, can_manage_video_chats: true, can_restrict_members: true, can_promote_members: false,
        can_change_info: true, can_invite_users: true, can_post_stories: false, can_edit_stories: false,
        can_delete_stories: false, can_pin_messages: true,
      };
    }
    return { status: 'member', user };
  };
  const userById = (id: number): TgUser | undefined =>
    id === st.bot.id ? st.botUser() : st.users.get(id);
  return {
    getMe: () => ({
      ...st.botUser(), can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
      can_connect_to_business: false, has_main_web_app: false,
    }),
    deleteWebhook: () => true,
    getWebhookInfo: () => ({ url: '', has_custom_certificate: false, pending_update_count: pendingUpdates() }),
    setMyCommands: (p) => {
      const cmds = p.commands;
      if (!Array.isArray(cmds)) throw badRequest('field "commands" must be an Array');
      if (cmds.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
      for (const c of cmds) {
        if (!/^[a-z0-9_]{1,32}$/.test(String(c?.command ?? ''))) throw badRequest('BOT_COMMAND_INVALID');
        const d = String(c?.description ?? '');
        if (d.length < 1 || d.length > 256) throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
      }
      st.commands.set(commandKey(st, p.scope, p.language_code), cmds.map((c: any) => ({ command: c.command, description: c.description })));
      return true;
    },
    getMyCommands: (p) => st.commands.get(commandKey(st, p.scope, p.language_code)) ?? [],
    deleteMyCommands: (p) => {
      st.commands.delete(commandKey(st, p.scope, p.language_code));
      return true;
    },
    answerCallbackQuery: (p) => {
      const rec = st.callbacks.get(String(p.callback_query_id ?? ''));
      if (!rec || rec.answered || st.now() - rec.at > CALLBACK_TTL_MS) throw badRequest(TOO_OLD);
      if (p.text !== undefined && String(p.text).length > 200) throw badRequest('MESSAGE_TOO_LONG');
      rec.answered = true;
      return true;
    },
    getFile: (p) => {
      const f = st.files.get(String(p.file_id ?? ''));
      if (!f) throw badRequest('wrong file_id or the file is temporarily unavailable');
      if (f.bytes.length > 20 * 1024 * 1024) throw badRequest('file is too big');
      return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.bytes.length, file_path: f.file_path };
    },
    getChat: (p) => ({ ...st.chat(p.chat_id), accent_color_id: 0, max_reaction_count: 11 }),
    getChatMember: (p) => {
      const chat = st.chat(p.chat_id);
      const id = Number(p.user_id);
      const user = userById(id) ?? (st.isAdmin(chat.id, id) ? { id, is_bot: false, first_name: `User ${id}` } : undefined);
      if (!user) throw badRequest('user not found');
      return member(chat.id, user);
    },
    getChatAdministrators: (p) => {
      const chat = st.chat(p.chat_id);
      if (chat.type === 'private') throw badRequest('there are no administrators in the private chat');
      const ids = [...(st.admins.get(chat.id)?.ids ?? [])];
      return ids.map((id) => member(chat.id, userById(id) ?? { id, is_bot: false, first_name: `User ${id}` }));
    },
  };
}
