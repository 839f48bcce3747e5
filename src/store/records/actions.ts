import type { Platform } from '../types.ts';

/** A result's button: it carries only `act:<id>`; everything it means is this record. */
export interface ActionRecord {
  id: string;
  taskId: string;
  /** The catalog entry the button belongs to (its stable id), checked by the core when pressed. */
  kind: string;
  /** Which of the entry's variants (U2 is `upscale` with `2`). */
  arg: string | null;
  platform: Platform;
  chatId: string;
  createdAt: number;
  lastUsedAt: number | null;
  lastTaskId: string | null;
}

export type NewAction = Omit<ActionRecord, 'lastUsedAt' | 'lastTaskId'>;

export interface ActionsRepository {
  /** Writes a button of an existing task; throws when the id exists. */
  insert(a: NewAction): Promise<void>;
  get(id: string): Promise<ActionRecord | undefined>;
  /** The task's buttons, in the order they were written. */
  forTask(taskId: string): Promise<ActionRecord[]>;
  /**
   * Records a press (and the task it made) unless the same button was pressed within `debounceMs`
   * (a double click): false for the double click, and nothing recorded.
   */
  recordUse(id: string, taskId: string, now: number, debounceMs: number): Promise<boolean>;
}
