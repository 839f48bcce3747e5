import type { Repositories } from '../store/index.ts';
import type { Scope } from './chat.ts';
import { UserError } from './errors.ts';
import { msg } from '../i18n/index.ts';

/** How much of the image services one bot, one person and one group may hold at once. */
export interface QueueLimits {
  /** Jobs each provider (by id) runs at once; the rest wait in the store. A provider not named: no limit. */
  concurrency: Readonly<Record<string, number>>;
  /** Open (running or waiting) jobs one user may have across the bot; 0: no cap. */
  maxJobsPerUser: number;
  /** Open jobs one group (a Discord server, else the chat) may have; 0: no cap. */
  maxJobsPerGroup: number;
}

/** The group a job counts against: the Discord server, else the chat (a DM is its own). */
export const groupOf = (scope: Pick<Scope, 'guildId' | 'chatId'>): string => scope.guildId ?? scope.chatId;

/**
 * Refuses a new job over a cap, naming it; run inside the unit of work that then writes the task
 * (before anything is reserved), so a refusal charges nothing and concurrent starts count each other.
 */
export async function checkCaps(tx: Repositories, scope: Scope, limits: QueueLimits): Promise<void> {
  if (!limits.maxJobsPerUser && !limits.maxJobsPerGroup) return;
  const open = await tx.tasks.openJobs({ platform: scope.platform, userId: scope.userId, groupId: groupOf(scope) });
  if (limits.maxJobsPerUser && open.user >= limits.maxJobsPerUser) {
    throw new UserError('too_many_jobs', msg('error-too-many-jobs', { open: open.user, cap: limits.maxJobsPerUser }), { open: open.user, cap: limits.maxJobsPerUser });
  }
  if (limits.maxJobsPerGroup && open.group >= limits.maxJobsPerGroup) {
    throw new UserError('too_many_group_jobs', msg('error-too-many-group-jobs', { open: open.group, cap: limits.maxJobsPerGroup }), { open: open.group, cap: limits.maxJobsPerGroup });
  }
}
