/** Value types the tables hold; the core builds on them. */
export type Platform = 'discord' | 'telegram';

/**
 * A message the bot sent, in a form that survives a restart (stored as JSON).
 * `extra` belongs to the adapter that made it (e.g. a Discord interaction token and its expiry).
 */
export interface MessageRef {
  platform: Platform;
  chatId: string;
  messageId?: string;
  extra?: Record<string, string | number>;
}
