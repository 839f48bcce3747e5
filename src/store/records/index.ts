/** The engine-neutral records and repository interfaces every store engine implements. */
export * from './tasks.ts';
export * from './wallets.ts';
export * from './actions.ts';
export * from './photos.ts';
export * from './inbox.ts';
export * from './chat-state.ts';
export * from './hosted-files.ts';
export * from './access.ts';
export * from './rate-limits.ts';
