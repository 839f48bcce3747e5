/**
 * What another process costs, read from outside as an operator would: its resident memory and the
 * CPU time it has used (Linux /proc; elsewhere ps for the memory and no CPU figure).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** The resident set of a process now and at its peak, in MiB (the peak on Linux only). */
export function rssOf(pid: number): { rss: number; peak?: number } {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const text = readFileSync(status, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
  }
  return { rss: Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024 };
}

let ticksPerSecond: number | undefined;

/** CPU seconds (user + system) the process has used so far; undefined where /proc is not. */
export function cpuSecondsOf(pid: number): number | undefined {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return undefined;
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  // The command name may hold spaces and parentheses: the fields are counted after its last ')'.
  const text = readFileSync(stat, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // utime and stime are the 14th and 15th fields; the 3rd (state) is the first after the name.
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}
