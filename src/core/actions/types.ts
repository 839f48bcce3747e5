import type { Job } from '../../providers/jobs.ts';
import type { TaskRecord } from '../../store/records/tasks.ts';
import type { ResultImage, Scope } from '../chat.ts';
import type { Services } from '../command.ts';
import type { CostKey } from '../costs.ts';
import type { Locale, Text } from '../../i18n/index.ts';

/** What a press asked first and the user answered (a checked zoom factor, an edited prompt). */
export interface Answers {
  prompt?: string;
  zoom?: number;
  /** The presser's V1–V4 strength (/settings). */
  subtle?: boolean;
}

/** A finished task whose provider id is known: what a button acts on. */
export type ParentTask = TaskRecord & { providerTaskId: string };

/** One task a press starts: its job, and the prompt its progress and result show. */
export interface Launch {
  job: Job;
  prompt: string;
}

/** A press that starts one task (almost every button). */
interface StartsOne {
  /** The job a press starts, with what the user answered when it asked first. */
  job(parent: ParentTask, variant: string | null, answers: Answers): Job;
  /** The prompt the started task shows (a suggested prompt it imagines); the parent's when absent. */
  prompt?(parent: ParentTask, variant: string | null): string;
  jobs?: undefined;
}

/**
 * A press that starts several tasks (🎉 Imagine all): each is charged `cost` (times `units`) and
 * delivered as a result of its own. Nothing starts when the wallet cannot pay for all of them.
 */
interface StartsMany {
  jobs(parent: ParentTask, variant: string | null): readonly Launch[];
  job?: undefined;
  prompt?: undefined;
}

/**
 * One button of the catalog: everything about it in one place. Rendering, the button handler,
 * costs, /help and both platforms' keyboards read this entry; adding a button is adding one.
 * Most buttons start tasks; a few only send what the result already has (an image as a file).
 */
export type ActionEntry = TaskEntry | FileEntry;

/** A button that starts one task or several: charged, perhaps asked first, perhaps once per variant. */
export type TaskEntry = StartsTasks & (StartsOne | StartsMany);

interface EntryBase {
  /** Stable id, stored with every button made from this entry: never a display label. */
  id: string;
  /**
   * Variants shown as one button each (U1–U4 are `upscale` with 1–4); one button when absent. A
   * function when they depend on the result (one per suggested prompt).
   */
  variants?: readonly string[] | ((task: TaskRecord) => readonly string[]);
  /** The button's face, in the reader's language (English when not given). */
  label(variant: string | null, locale?: Locale): string;
  /** /help: how the buttons are named there (a catalogue message when it has words), and what they do (absent when a sibling's line covers it). */
  help?: { buttons: string | Text; does: Text };
  /** Whether the button appears under this finished task. */
  appliesTo(task: TaskRecord): boolean;
  /** The keyboard row it goes in (0 is the first); entries keep their catalog order within a row. */
  row: number;
}

interface StartsTasks extends EntryBase {
  /**
   * What a press costs: a key, or one that depends on how the press is made (a subtle V costs an
   * upscale) or on the result pressed (a /generate's model).
   */
  cost: CostKey | ((answers: Answers, parent: ParentTask) => CostKey);
  /** How many times `cost` a press charges (AI photos: one per photo); 1 when absent. */
  units?(parent: ParentTask): number;
  /** A parent takes this action once per variant (image 2 is upscaled once): what a second press is told. */
  once?: { done(variant: string | null): Text; running(variant: string | null): Text };
  /** With Remix on (/settings), a press first asks for the prompt, prefilled with the current one. */
  remix?: true;
  /** A press always asks first: `zoom` asks the zoom factor and the prompt (Custom Zoom). */
  asks?: 'zoom';
  /** How progress and results name the job a press starts ("Upscale #2"): stored in English, translated where shown (task-label.ts). */
  taskLabel(variant: string | null, parent: ParentTask): string;
  /** Refuses a press (a UserError) that the command it repeats would refuse today. */
  authorize?(services: Services, scope: Scope, parent: ParentTask): void | Promise<void>;
  sends?: undefined;
}

/**
 * A button that starts no task and costs nothing: it sends the presser something the result already
 * holds, as a file (one image of a /generate at full resolution).
 */
export interface FileEntry extends EntryBase {
  /** The file a press sends and the words that go with it; a UserError when the result no longer has it. */
  sends(parent: ParentTask, variant: string | null, locale?: Locale): { image: ResultImage; caption: string };
  job?: undefined;
  jobs?: undefined;
}
