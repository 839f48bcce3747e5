// `npm run backup -- <file or folder>` (in the image: `node dist/src/backup.js <…>`): a consistent
// copy of the SQLite database while the bot runs. Only DATABASE_PATH is read, so a backup needs none
// of the keys; one line says what was written, or what to fix (exit 1).
import { ConfigError, DEFAULT_DATABASE_PATH } from './config.ts';
import { loadDotEnv } from './dotenv.ts';
import { BackupError, backupDatabase } from './store/backup.ts';

const USAGE = 'usage: npm run backup -- <file or folder>  (in the container: node dist/src/backup.js /data/backups)';

const [destination, ...rest] = process.argv.slice(2);
if (!destination || rest.length > 0 || destination.startsWith('-')) {
  console.error(USAGE);
  process.exit(1);
}
try {
  loadDotEnv();
  const source = process.env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH;
  const { path, pages, bytes } = await backupDatabase(source, destination);
  console.log(`backup: copied ${source} to ${path} (${pages} pages, ${(bytes / 1024 / 1024).toFixed(1)} MiB); its check passed`);
} catch (err) {
  console.error(`backup failed: ${err instanceof BackupError || err instanceof ConfigError ? err.message : String(err)}`);
  process.exit(1);
}
