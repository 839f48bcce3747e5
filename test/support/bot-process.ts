import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');

/** The real bot from its TypeScript sources (tsx + src/main.ts), in a child process we can kill; `npm start` runs the built JavaScript. */
export class BotProcess {
  readonly output: string[] = [];
  private constructor(private readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
  }

  static start(env: Record<string, string>): BotProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      // Only what we pass: a developer's own .env or tokens must not leak into the test.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
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

  /** The bot as an operator starts it: `npm start` (in `cwd`, a copy of the project if given), whose process is then the one signalled. */
  static startWithNpm(env: Record<string, string>, cwd = ROOT): BotProcess {
    const child = spawn('npm', ['start', '--silent'], {
      cwd,
      env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? '', ...env },
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

  exited(): Promise<number | null> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((r) => this.child.once('exit', (code) => r(code)));
  }

  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const done = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await done;
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const done = this.exited();
    this.child.kill('SIGTERM');
    return done;
  }
}
