import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Collected AI-photo uploads live beside the database (a temporary folder for an in-memory one). */
export function photosDirFor(databasePath: string): string {
  return databasePath === ':memory:' ? join(tmpdir(), `framebot-photos-${process.pid}`) : join(dirname(databasePath), 'photos');
}

/** Reference images the bot hosts for image services (issue 9) live beside the database too. */
export function hostedFilesDirFor(databasePath: string): string {
  return databasePath === ':memory:' ? join(tmpdir(), `framebot-hosted-${process.pid}`) : join(dirname(databasePath), 'hosted');
}
