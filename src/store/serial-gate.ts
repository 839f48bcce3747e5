import { UnitScope } from './unit-scope.ts';

/** How a unit of work starts and ends on the connection (BEGIN IMMEDIATE, COMMIT, ROLLBACK). */
export interface TransactionFrame {
  begin(): void;
  commit(): void;
  rollback(): void;
}

/**
 * Serialises units of work on SQLite's one connection.
 *
 * better-sqlite3 is synchronous and the store holds one connection, so a transaction is a state
 * of that connection, not of a caller: while a unit of work is open (BEGIN IMMEDIATE … COMMIT
 * across its awaits), any other statement run on the connection would silently join it, and a
 * rollback would undo that stranger's write too. So the gate is an async mutex. A unit takes it
 * for its whole life; a single statement outside any unit runs at once when the gate is free (the
 * usual case: no overhead, and nothing can interleave a synchronous call) and otherwise waits its
 * turn behind the open unit, in arrival order. Only the unit's own repositories (`tx`) pass while
 * it is open.
 *
 * Waiting can deadlock only if a unit awaits a call that waits for the unit: a call through the
 * store instead of `tx`, or a nested unit, from inside the unit's own flow. UnitScope refuses
 * those at once.
 */
export class SerialGate {
  private busy = false;
  private readonly waiting: Array<() => void> = [];
  private readonly scope = new UnitScope();

  /** Runs one statement outside any unit: now if the gate is free, else after the open unit. */
  run<T>(op: () => T): Promise<T> {
    try {
      this.scope.refuseInside('a call through the store');
      if (!this.busy) return Promise.resolve(op());
    } catch (err) {
      return Promise.reject(err);
    }
    return this.acquire().then(() => {
      try {
        return op();
      } finally {
        this.release();
      }
    });
  }

  /** Runs `work` holding the gate, framed by `frame`; `guard` as in UnitScope.run. */
  async unit<T>(frame: TransactionFrame, work: (guard: () => void) => Promise<T>): Promise<T> {
    this.scope.refuseInside('a transaction');
    await this.acquire();
    try {
      frame.begin();
      let result: T;
      try {
        result = await this.scope.run(work);
      } catch (err) {
        frame.rollback();
        throw err;
      }
      frame.commit();
      return result;
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    // The releaser hands the gate over directly (busy stays true), so arrival order is kept.
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}
