/**
 * GET /readyz: whether the bot can do its work now, as opposed to /healthz (the process serves).
 * Each check names one thing the bot depends on — the store, each platform, each image service.
 */

export interface CheckResult {
  ready: boolean;
  /** What is wrong, for the operator; never a secret. */
  detail?: string;
}

/** A check may need to ask something (the store answers asynchronously). */
export type ReadinessCheck = () => CheckResult | Promise<CheckResult>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

const MAX_DETAIL = 200;

/** Runs every check; one that throws is not ready, with what it threw. */
export async function readiness(checks: Record<string, ReadinessCheck>): Promise<ReadinessReport> {
  const report: ReadinessReport = { ready: true, checks: {} };
  for (const [name, check] of Object.entries(checks)) {
    let result: CheckResult;
    try {
      result = await check();
    } catch (err) {
      result = { ready: false, detail: err instanceof Error ? err.message : String(err) };
    }
    report.checks[name] = { ok: result.ready, ...(result.detail ? { detail: result.detail.slice(0, MAX_DETAIL) } : {}) };
    if (!result.ready) report.ready = false;
  }
  return report;
}
