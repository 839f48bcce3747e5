/** A copy that cannot be made or did not check out, for a reason the operator can act on: shown as one line. */
export class CopyError extends Error {
  override name = 'CopyError';
}
