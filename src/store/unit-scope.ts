import { AsyncLocalStorage } from 'node:async_hooks';

/** One unit of work in progress; `open` turns false when it commits or rolls back. */
interface Unit {
  open: boolean;
}

/**
 * Knows whether the running code is inside a unit of work, whatever the engine. Inside one, a
 * call through the store itself (or a nested unit) would not be part of the unit: on SQLite it
 * would wait for the unit to end (a deadlock), on PostgreSQL it would run on another connection,
 * outside the transaction. So both engines refuse it at once, with a message.
 */
export class UnitScope {
  private readonly current = new AsyncLocalStorage<Unit>();

  /**
   * Runs `work` as the current unit. `guard`, called by the unit's repositories before each
   * statement, refuses one after the unit ended (a `tx` kept past its transaction).
   */
  async run<T>(work: (guard: () => void) => Promise<T>): Promise<T> {
    const unit: Unit = { open: true };
    const guard = () => {
      if (!unit.open) throw new Error('this unit of work has ended: its repositories cannot be used any more');
    };
    try {
      return await this.current.run(unit, () => work(guard));
    } finally {
      // Work the unit started and did not await may outlive it; from then on it is outside it.
      unit.open = false;
    }
  }

  refuseInside(what: string): void {
    if (this.current.getStore()?.open) {
      throw new Error(`${what} inside a unit of work: use the repositories the transaction hands you (tx), not the store`);
    }
  }
}
