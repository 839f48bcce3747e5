import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { assertLoopbackOnly } from './hermetic.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** tsx by its full address, so the bot also starts from a working directory outside the repository. */
const TSX = import.meta.resolve('tsx');

export interface BotProcessOptions {
  /** The working directory (default: the repository), e.g. a folder holding a `.env`. */
  cwd?: string;
  /** The entry point below the repository (default src/main.ts); a built `.js` one (dist/src/main.js) runs on plain node, as `npm start` runs it. */
  entry?: string;
  /** Arguments after the entry point (`--check`). */
  args?: string[];
}

/**
 * Only what a test passes, plus `FRAMEBOT_ENV_FILE=none` unless it names a file: a developer's own
 * `.env` or tokens must not leak into the test, and every service must be on loopback.
 */
function testEnv(env: Record<string, string>): Record<string, string> {
  assertLoopbackOnly(env);
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FRAMEBOT_ENV_FILE: 'none', ...env };
}

/** The real bot from its TypeScript sources (tsx + src/main.ts) or its built JavaScript, in a child process we can kill; `npm start` runs the built JavaScript. */
export class BotProcess {
  readonly output: string[] = [];
  private constructor(private readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
  }

  static start(env: Record<string, string>, opts: BotProcessOptions = {}): BotProcess {
    const entry = resolve(ROOT, opts.entry ?? 'src/main.ts');
    const loader = entry.endsWith('.js') ? ['--enable-source-maps'] : ['--import', TSX];
    const child = spawn(process.execPath, [...loader, entry, ...(opts.args ?? [])], {
      cwd: opts.cwd ?? ROOT,
      env: testEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new BotProcess(child);
  }

  /**
   * Builds dist/ now if `npm start` would (the prestart step), so that a test's wait for the bot
   * does not include a compile. Bounded: a build that takes longer fails the test.
   */
  static async ensureBuilt(cwd = ROOT, timeoutMs = 180_000): Promise<string> {
    const { stderr } = await promisify(execFile)(process.execPath, ['scripts/build-if-stale.mjs'], { cwd, timeout: timeoutMs });
    return stderr;
  }

  /**
   * The bot as an operator starts it: `npm start` (or another script, e.g. `['run', 'doctor']`) in
   * `cwd` (a copy of the project if given), whose process is then the one signalled.
   */
  static startWithNpm(env: Record<string, string>, script: string[] = ['start'], cwd = ROOT): BotProcess {
    const child = spawn('npm', [...script.slice(0, 1), '--silent', ...script.slice(1)], {
      cwd,
      env: { ...testEnv(env), PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new BotProcess(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  async waitForLine(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const line = this.output.find((l) => pattern.test(l));
      if (line) return line;
      if (this.child.exitCode !== null) throw new Error(`bot exited (${this.child.exitCode}) before ${pattern}:\n${this.output.join('\n')}`);
      if (Date.now() > until) throw new Error(`no line matching ${pattern} in:\n${this.output.join('\n')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The exit code, or null when the process was ended by a signal; gives up after `timeoutMs`. */
  exited(timeoutMs = 30_000): Promise<number | null> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bot did not exit within ${timeoutMs} ms:\n${this.output.join('\n')}`)), timeoutMs);
      this.child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const done = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await done;
  }

  async stop(timeoutMs?: number): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const done = this.exited(timeoutMs);
    this.child.kill('SIGTERM');
    return done;
  }
}
