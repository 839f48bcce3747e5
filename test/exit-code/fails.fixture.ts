// Run only by test/e2e/test-run-exit-code.test.ts, which expects this failure to fail the run.
import { expect, it } from 'vitest';

it('fails on purpose', () => {
  expect(1).toBe(2);
});
