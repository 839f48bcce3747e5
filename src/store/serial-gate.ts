import { AsyncLocalStorage } from 'node:async_hooks';

/** One unit of work in progress; `open` turns false when it commits or rolls back. */
interface Unit {
  open: boolean;
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
 * store instead of `tx`, or a nested unit, from inside the unit's own async flow. AsyncLocalStorage
 * tells the gate it is in that flow, so such a call fails at once with a message rather than
 * hanging. (On PostgreSQL the same call would run on another connection, outside the transaction:
 * wrong as well, so both engines refuse it.)
 */
export class SerialGate {
  private busy = false;
  private readonly waiting: Array<() => void> = [];
  private readonly current = new AsyncLocalStorage<Unit>();

  /** Runs one statement outside any unit: now if the gate is free, else after the open unit. */
  run<T>(op: () => T): Promise<T> {
    try {
      this.refuseInsideUnit('a call through the store');
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

  /**
   * Runs `work` holding the gate; `begin`, `commit` and `rollback` frame it. `bind` is handed a
   * guard that its repositories call before each statement, refusing one after the unit ended.
   */
  async unit<T>(frame: { begin(): void; commit(): void; rollback(): void }, work: (guard: () => void) => Promise<T>): Promise<T> {
    this.refuseInsideUnit('a transaction');
    await this.acquire();
    const unit: Unit = { open: true };
    const guard = () => {
      if (!unit.open) throw new Error('this unit of work has ended: its repositories cannot be used any more');
    };
    try {
      frame.begin();
      let result: T;
      try {
        result = await this.current.run(unit, () => work(guard));
      } catch (err) {
        unit.open = false;
        frame.rollback();
        throw err;
      }
      unit.open = false;
      frame.commit();
      return result;
    } finally {
      unit.open = false;
      this.release();
    }
  }

  private refuseInsideUnit(what: string): void {
    if (this.current.getStore()?.open) {
      throw new Error(`${what} inside a unit of work: use the repositories the transaction hands you (tx), not the store`);
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
