// The tasks and task_parts tables' rows as both engines read them back, and their records: one
// mapping (JSON columns and the legacy job included), so SQLite and PostgreSQL cannot drift apart.
import type { MessageRef, Platform } from '../types.ts';
import type { DeliveryState, TaskPart, TaskRecord, TaskStatus } from '../records/tasks.ts';
import type { TaskResult } from '../../providers/types.ts';
import { jobSchema } from '../../providers/jobs.ts';
import { legacyJob } from '../legacy-jobs.ts';
import { SOURCE_LOCALE, toLocale } from '../../i18n/index.ts';

export interface TaskRow {
  id: string;
  kind: string;
  endpoint: string;
  request_json: string;
  status: TaskStatus;
  provider_task_id: string | null;
  parent_id: string | null;
  prompt: string;
  label: string;
  platform: Platform;
  guild_id: string | null;
  chat_id: string;
  user_id: string;
  user_name: string;
  message_json: string | null;
  progress: number;
  result_json: string | null;
  error: string | null;
  delivery: DeliveryState;
  delivery_attempts: number;
  next_delivery_at: number | null;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  finished_at: number | null;
  deadline_at: number;
  provider: string;
  job_json: string | null;
  action_key: string | null;
  wallet_id: string | null;
  cost: number;
  submit_lease_until: number | null;
  submit_attempts: number;
  delivery_json: string | null;
  origin: string | null;
  locale?: string | null;
  waiting_since: number | null;
  admitted_at: number | null;
}

export interface PartRow {
  provider: string;
  part_id: string;
  state: TaskPart['state'];
  result_json: string | null;
  error: string | null;
}

/** A JSON column: null stays null. */
export const parseJson = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

export function toTask(r: TaskRow): TaskRecord {
  return {
    id: r.id,
    // Rows from before the typed job (migration 5), or copied from such a database.
    job: r.job_json === null ? legacyJob(r.endpoint, JSON.parse(r.request_json) as Record<string, unknown>) : jobSchema.parse(JSON.parse(r.job_json)),
    actionKey: r.action_key,
    provider: r.provider,
    status: r.status,
    providerTaskId: r.provider_task_id,
    parentId: r.parent_id,
    prompt: r.prompt,
    label: r.label,
    platform: r.platform,
    guildId: r.guild_id,
    chatId: r.chat_id,
    userId: r.user_id,
    userName: r.user_name,
    message: parseJson<MessageRef>(r.message_json),
    progress: r.progress,
    result: parseJson<TaskResult>(r.result_json),
    error: r.error,
    delivery: r.delivery,
    deliveryAttempts: r.delivery_attempts,
    nextDeliveryAt: r.next_delivery_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    finishedAt: r.finished_at,
    deadlineAt: r.deadline_at,
    walletId: r.wallet_id,
    cost: r.cost,
    submitLeaseUntil: r.submit_lease_until,
    submitAttempts: r.submit_attempts,
    deliveryJournal: parseJson<Record<string, unknown>>(r.delivery_json) ?? {},
    origin: r.origin,
    // Read back through the guard: a language this build no longer ships falls back to English.
    locale: toLocale(r.locale) ?? SOURCE_LOCALE,
    waitingSince: r.waiting_since ?? null,
    admittedAt: r.admitted_at ?? null,
  };
}

export const toPart = (r: PartRow): TaskPart => ({ provider: r.provider, partId: r.part_id, state: r.state, result: parseJson<TaskResult>(r.result_json), error: r.error });
