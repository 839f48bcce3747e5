import { storeContract } from '../support/store-contract/index.ts';
import { sqliteInMemory } from './sqlite-engine.ts';

storeContract('sqlite, :memory:', sqliteInMemory);
