/** unique_violation */
const UNIQUE_VIOLATION = '23505';

/** The unique index or constraint `err` broke, if it is a unique violation. */
export function uniqueViolated(err: unknown): string | undefined {
  const e = err as { code?: string; constraint?: string };
  return e?.code === UNIQUE_VIOLATION ? (e.constraint ?? '') : undefined;
}

/**
 * Runs `work`, turning a unique violation of one of `rules` (constraint name → what it means)
 * into an Error that says which rule refused, as the SQLite repositories' errors do.
 */
export async function refusing<T>(rules: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const constraint = uniqueViolated(err);
    if (constraint !== undefined && constraint in rules) {
      throw new Error(`${rules[constraint]} (${constraint})`, { cause: err });
    }
    throw err;
  }
}
