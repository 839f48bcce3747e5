/** One line of the doctor's checklist: what was checked, how it went, and what to fix when it failed. */
export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was found; for a failure, the problem and what to change. */
  detail: string;
}

export const pass = (name: string, detail: string): CheckResult => ({ name, ok: true, detail });
export const fail = (name: string, detail: string): CheckResult => ({ name, ok: false, detail });

/** The checklist as printed: one line per check, then a summary. */
export function formatChecklist(results: readonly CheckResult[]): string {
  const lines = results.map((r) => `${r.ok ? '✓' : '✗'} ${r.name}: ${r.detail}`);
  const failed = results.filter((r) => !r.ok).length;
  lines.push('', failed === 0 ? `All ${results.length} checks passed.` : `${failed} of ${results.length} checks failed: fix the lines marked ✗ and run it again.`);
  return lines.join('\n');
}
