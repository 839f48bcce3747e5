/**
 * Start-up could not go on. Its message is the one line an operator reads: what could not be
 * reached or was refused, and what to check. It never holds a secret.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** A stop (SIGTERM, Ctrl-C) came while the bot was still starting: not a failure. */
export class StartupStopped extends Error {
  override name = 'StartupStopped';
  constructor() {
    super('stopped during start-up');
  }
}
