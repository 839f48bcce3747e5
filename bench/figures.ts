/**
 * What the benches share to read their knobs and compute their figures: a positive number from the
 * environment, a percentile, and a measurement that may fail without ending the whole run.
 */

/** `process.env[name]` as a positive number, `fallback` when unset; anything else stops the bench with the variable's name. */
export function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${process.env[name]}`);
  return value;
}

/** The p-th percentile of ascending `sorted` (nearest rank); 0 when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export type Outcome<T> = { ok: T } | { error: string };

/** A measurement's value, or the first line of why it failed (for the table to say, while the rest goes on). */
export async function attempt<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: await work() };
  } catch (err) {
    return { error: (err instanceof Error ? err.message : String(err)).split('\n')[0]! };
  }
}
