import type { TaskRecord } from '../store/records/tasks.ts';
import type { Destination, Scope } from './chat.ts';

/** Where a task was asked for, for a follow-up job the bot starts on its own (a training, a subtle variation). */
export function scopeOfTask(task: TaskRecord): Scope {
  return {
    platform: task.platform,
    guildId: task.guildId ?? undefined,
    chatId: task.chatId,
    userId: task.userId,
    userName: task.userName,
    isPrivate: task.walletId?.includes(':user:') ?? false,
  };
}

/** Who a task's messages are for. */
export function destinationOf(task: TaskRecord): Destination {
  return { platform: task.platform, chatId: task.chatId, userId: task.userId, userName: task.userName };
}
