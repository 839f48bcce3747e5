import type { Logger } from './logger.ts';

type Level = 'debug' | 'info' | 'warn' | 'error';

interface Window {
  startedAt: number;
  written: number;
  suppressed: number;
  level: Level;
  msg: string;
  timer?: NodeJS.Timeout;
}

export interface LogLimitOptions {
  /** Lines of one kind written per window; the rest are counted. */
  perWindow?: number;
  windowMs?: number;
  now?: () => number;
}

/**
 * Lines that anyone on the internet can trigger (forged webhooks, aborted requests) are logged at
 * most `perWindow` times per minute per kind, so an attacker cannot fill the disk or bury real
 * problems; what was left out is reported in one line when the window ends (or on flush).
 */
export class LogLimit {
  private readonly windows = new Map<string, Window>();
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(
    private readonly log: Logger,
    opts: LogLimitOptions = {},
  ) {
    this.perWindow = opts.perWindow ?? 10;
    this.windowMs = opts.windowMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  write(kind: string, level: Level, obj: Record<string, unknown>, msg: string): void {
    const now = this.now();
    let w = this.windows.get(kind);
    if (w && now - w.startedAt >= this.windowMs) {
      this.report(kind, w);
      w = undefined;
    }
    if (!w) {
      w = { startedAt: now, written: 0, suppressed: 0, level, msg };
      this.windows.set(kind, w);
    }
    if (w.written < this.perWindow) {
      w.written++;
      this.log[level]({ ...obj, kind }, msg);
      return;
    }
    w.suppressed++;
    if (!w.timer) {
      const window = w;
      window.timer = setTimeout(() => this.report(kind, window), Math.max(0, window.startedAt + this.windowMs - now));
      window.timer.unref();
    }
  }

  /** Reports every count not yet reported (on shutdown). */
  flush(): void {
    for (const [kind, w] of this.windows) this.report(kind, w);
  }

  private report(kind: string, w: Window): void {
    if (w.timer) clearTimeout(w.timer);
    if (this.windows.get(kind) === w) this.windows.delete(kind);
    if (w.suppressed === 0) return;
    this.log[w.level]({ kind, suppressed: w.suppressed, windowMs: this.windowMs }, `${w.msg} (${w.suppressed} more like this not logged)`);
  }
}
