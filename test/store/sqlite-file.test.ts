import { storeContract } from '../support/store-contract/index.ts';
import { sqliteOnFile } from './sqlite-engine.ts';

// On a file, as the bot runs: WAL, the busy timeout, and what :memory: skips.
storeContract('sqlite, a file', sqliteOnFile);
