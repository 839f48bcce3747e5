// `npm run demo`: framebot against built-in fakes, with a chat page to talk to it. No keys, no .env.
import { z } from 'zod';

const DEFAULT_PORT = 5173;
const port = z.coerce
  .number({ message: 'must be a port number' })
  .int({ message: 'must be a whole number' })
  .min(0, { message: 'must be 0 (any free port) to 65535' })
  .max(65535, { message: 'must be 0 (any free port) to 65535' })
  .optional()
  .safeParse(process.env.DEMO_PORT?.trim() || undefined);
if (!port.success) {
  console.error(`DEMO_PORT ${port.error.issues[0]?.message ?? 'is not a port'}`);
  process.exit(1);
}

// Loaded only once the port is known to be good: the bot takes a few seconds to load.
const { startDemo } = await import('./start-demo.ts');
let demo;
try {
  demo = await startDemo({
    port: port.data ?? DEFAULT_PORT,
    // The default port may be taken (another dev server); a port asked for by name is not swapped silently.
    fallbackToFreePort: port.data === undefined,
  });
} catch (err) {
  console.error(`The demo could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

console.log(`framebot demo: open ${demo.url} to chat with the bot (bot log: ${demo.logFile}; Ctrl-C stops and forgets everything)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second Ctrl-C means now
    stopping = true;
    setTimeout(() => process.exit(0), 5_000).unref();
    void demo.close().then(() => process.exit(0));
  });
}
