// The container's HEALTHCHECK: `node dist/src/healthcheck.js` asks this bot's own /healthz, with
// node because the slim image has no curl. Exit 0 when healthy, 1 otherwise, with one line why.
import { loadDotEnv } from './dotenv.ts';
import { healthUrl, probeHealth } from './server/health-probe.ts';

/** Below Docker's HEALTHCHECK --timeout (5 s), so the line is printed before Docker gives up. */
const TIMEOUT_MS = 4_000;

loadDotEnv();
let url: string;
try {
  url = healthUrl(process.env);
} catch (err) {
  console.error(`healthcheck: ${(err as Error).message}`);
  process.exit(1);
}
const { healthy, line } = await probeHealth(url, TIMEOUT_MS);
console.log(`healthcheck: ${line}`);
process.exit(healthy ? 0 : 1);
