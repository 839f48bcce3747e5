// A start-up step's bound, and a provider call's timeout under a caller's signal, must hold when the
// garbage collector runs while they wait. AbortSignal.any([…, AbortSignal.timeout(ms)]) does not in
// Node 20: the timeout inside it is collected and the composite never aborts (nodejs/node#57736). A
// CI run caught it as a start-up on an unreachable Telegram that never ended.
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { deadline } from '../../src/deadline-signal.ts';
import { stepSignal, timedOut } from '../../src/startup/deadline.ts';
import { collectGarbageEvery, settledWithin } from '../support/gc.ts';

let stopGc: (() => void) | undefined;
afterEach(() => stopGc?.());

const aborted = (signal: AbortSignal) => new Promise<'aborted'>((resolve) => signal.addEventListener('abort', () => resolve('aborted'), { once: true }));

describe('a start-up step', () => {
  it('ends at its bound even when the garbage collector runs while it waits', async () => {
    const stop = new AbortController();
    const step = stepSignal(stop.signal, 200);
    stopGc = collectGarbageEvery(20);
    expect(await settledWithin(aborted(step), 5_000)).toBe('aborted');
    expect(timedOut(step)).toBe(true);
  });

  it('ends at once, and not as timed out, when the stop comes first', async () => {
    const stop = new AbortController();
    const step = stepSignal(stop.signal, 60_000);
    stop.abort(new Error('stop'));
    expect(step.aborted).toBe(true);
    expect(timedOut(step)).toBe(false);
  });
});

describe('a deadline', () => {
  it('once cleared, neither fires nor stays listening to the signals it was given', async () => {
    const stop = new AbortController();
    const bound = deadline(50, stop.signal);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(1);
    bound.clear();
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    stop.abort();
    expect(bound.signal.aborted).toBe(false);
  });

  it('takes the reason of a signal that had already ended', () => {
    const reason = new Error('gone');
    expect(deadline(60_000, undefined, AbortSignal.abort(reason)).signal.reason).toBe(reason);
  });
});
