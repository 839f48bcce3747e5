// The container's facts, checked where Docker cannot build (these machines have the client only;
// .ci/run builds the image where an engine answers). Reads Dockerfile, .dockerignore and
// compose.yaml as text: no YAML or Dockerfile parser is installed, and the files are small.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (name: string) => readFileSync(join(ROOT, name), 'utf8');

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  image: string;
  name?: string;
  steps: Instruction[];
}

/** Dockerfile instructions grouped by stage; comments dropped, continued lines joined. */
function stages(text: string): Stage[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const out: Stage[] = [];
  for (const line of lines) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') {
      const [, image = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      out.push({ image, name, steps: [] });
    } else {
      out.at(-1)?.steps.push({ op: op.toUpperCase(), args });
    }
  }
  return out;
}
const all = (stage: Stage, op: string) => stage.steps.filter((s) => s.op === op).map((s) => s.args);
/** An exec-form (JSON array) argument, the form that lets signals reach node. */
const execForm = (args: string): string[] => JSON.parse(args.replace(/^CMD\s+/, '')) as string[];

const dockerfile = stages(read('Dockerfile'));
const runtime = dockerfile.at(-1)!;
const stageNamed = (name: string) => dockerfile.find((s) => s.name === name);
/** Where tsconfig.build.json puts the JavaScript of a source file. */
const buildConfig = ts.readConfigFile(join(ROOT, 'tsconfig.build.json'), ts.sys.readFile).config as {
  compilerOptions: { outDir: string; rootDir: string };
  include: string[];
};
/** The least configuration that loads, to read the defaults the image relies on. */
const MINIMAL_ENV = { APIFRAME_API_KEY: 'key-123456', TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi' };
const defaults = loadConfig(MINIMAL_ENV);
const emitted = (source: string) => join(buildConfig.compilerOptions.outDir, source.replace(/\.ts$/, '.js'));

describe('the Dockerfile', () => {
  it('is multi-stage, and the runtime stage is node:20-bookworm-slim', () => {
    expect(dockerfile.length).toBeGreaterThanOrEqual(2);
    expect(runtime.image).toBe('node:20-bookworm-slim');
  });

  it('compiles in a build stage with every folder the build reads, and copies only dist/ from it', () => {
    const build = stageNamed('build')!;
    expect(all(build, 'RUN')).toContain('npm run build');
    const copied = all(build, 'COPY').flatMap((args) => args.split(/\s+/).slice(0, -1));
    for (const folder of buildConfig.include) expect(copied).toContain(folder);
    for (const file of copied) expect(existsSync(join(ROOT, file)), `${file} is in the repository`).toBe(true);
    expect(all(runtime, 'COPY').filter((a) => a.startsWith('--from=build'))).toEqual(['--from=build /app/dist dist']);
  });

  it('builds the translations into dist/: the build copies src/i18n/locales beside the compiled catalogue, in the image too', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(scripts.build).toBe('tsc -p tsconfig.build.json && node scripts/copy-catalogue.mjs');
    expect(all(stageNamed('build')!, 'COPY')).toContain('scripts/copy-catalogue.mjs scripts/copy-catalogue.mjs');
    // npm start's own build (scripts/build-if-stale.mjs) copies them as well, and rebuilds a dist/ without them.
    expect(read('scripts/build-if-stale.mjs')).toContain('copyCatalogue(root)');
    expect(read('scripts/copy-catalogue.mjs')).toContain(`'${buildConfig.compilerOptions.outDir}/src/i18n/locales'`);
    expect(existsSync(join(ROOT, 'src/i18n/locales/en'))).toBe(true);
  });

  it('installs production dependencies only, in a stage with the toolchain better-sqlite3 compiles with', () => {
    const deps = dockerfile.find((s) => all(s, 'RUN').some((r) => r.includes('npm ci --omit=dev')))!;
    expect(deps).toBeDefined();
    expect(all(deps, 'RUN').join(' ')).toMatch(/apt-get install .*python3 .*make .*g\+\+/);
    expect(all(runtime, 'COPY')).toContain(`--from=${deps.name} /app/node_modules node_modules`);
    // Nothing in the runtime stage installs or compiles.
    expect(all(runtime, 'RUN').join(' ')).not.toMatch(/npm (ci|install)|tsc|tsx/);
    // The emitted JavaScript is ESM because package.json says so.
    expect(all(runtime, 'COPY')).toContain('package.json ./');
    expect(JSON.parse(read('package.json')).type).toBe('module');
  });

  it('runs the built JavaScript with plain node, in exec form so SIGTERM reaches it', () => {
    const [cmd] = all(runtime, 'CMD');
    const argv = execForm(cmd!);
    expect(argv[0]).toBe('node');
    expect(argv.at(-1)).toBe(emitted('src/main.ts'));
    expect(existsSync(join(ROOT, 'src/main.ts'))).toBe(true);
    expect(argv.join(' ')).not.toContain('tsx');
    expect(all(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
  });

  it('ships no TypeScript tooling: tsx and typescript are development dependencies only', () => {
    const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    expect(Object.keys(dependencies).filter((name) => /^(tsx|typescript|ts-node|vitest)$/.test(name))).toEqual([]);
  });

  it('can run `npm run register` as `docker compose run --rm framebot node dist/src/register.js`: the script is built JavaScript inside the copied dist/', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(scripts.register).toBe(`exec node --enable-source-maps ${emitted('src/register.ts')}`);
    // Built before it runs, as npm start is (the image has no TypeScript; dist/ is already there).
    expect(scripts.preregister).toBe(scripts.prestart);
    expect(existsSync(join(ROOT, 'src/register.ts'))).toBe(true);
    expect(buildConfig.include).toContain('src');
    expect(all(runtime, 'COPY').filter((a) => a.startsWith('--from=build'))).toEqual(['--from=build /app/dist dist']);
    expect(read('Dockerfile')).toContain(`docker compose run --rm framebot node ${emitted('src/register.ts')}`);
  });

  it('can run `npm run migrate-to-postgres` as `node dist/src/migrate-to-postgres.js` in the image, built as npm start is', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(scripts['migrate-to-postgres']).toBe(`node --enable-source-maps ${emitted('src/migrate-to-postgres.ts')}`);
    expect(scripts['premigrate-to-postgres']).toBe(scripts.prestart);
    expect(read('scripts/build-if-stale.mjs')).toContain(`'${emitted('src/migrate-to-postgres.ts')}'`);
    expect(read('Dockerfile')).toContain(`node ${emitted('src/migrate-to-postgres.ts')}`);
  });

  it('runs as a non-root user, set before the command', () => {
    const users = all(runtime, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    const order = runtime.steps.map((s) => s.op);
    expect(order.indexOf('USER')).toBeLessThan(order.indexOf('CMD'));
  });

  it('keeps the database on a volume owned by that user', () => {
    expect(all(runtime, 'VOLUME')).toEqual(['/data']);
    expect(all(runtime, 'ENV').join(' ')).toMatch(/DATABASE_PATH=\/data\/framebot\.sqlite/);
    expect(all(runtime, 'RUN').join(' ')).toContain(`chown ${all(runtime, 'USER')[0]}:${all(runtime, 'USER')[0]} /data`);
    // An env file's `DATABASE_PATH=` (empty, so the default data/framebot.sqlite) lands there too.
    expect(all(runtime, 'WORKDIR')).toEqual(['/app']);
    expect(all(runtime, 'RUN').join(' ')).toContain('ln -s /data /app/data');
    expect(loadConfig({ ...MINIMAL_ENV, DATABASE_PATH: '' }).databasePath).toBe('data/framebot.sqlite');
  });

  it('exposes the port the bot listens on by default, and checks /healthz there with node (no curl in slim)', () => {
    expect(all(runtime, 'EXPOSE')).toEqual([String(defaults.port)]);
    const [healthcheck] = all(runtime, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/--timeout=5s/);
    const argv = execForm(healthcheck!.slice(healthcheck!.indexOf('CMD')));
    expect(argv).toEqual(['node', emitted('src/healthcheck.ts')]);
    expect(read('src/healthcheck.ts')).toContain('healthUrl');
    expect(read('src/server/health-probe.ts')).toContain('/healthz');
  });
});

/** Every .ts file under a folder. */
const sourcesIn = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourcesIn(path) : name.endsWith('.ts') ? [path] : [];
  });

/** The modules a file loads when it runs: `import type` and `export type` are erased, everything else stays (verbatimModuleSyntax). */
function runtimeImports(text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true));
  return found;
}
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

describe('what the image runs', () => {
  it('needs only production dependencies (npm ci --omit=dev) and nothing outside the folders it copies', () => {
    const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const missing: string[] = [];
    for (const file of buildConfig.include.flatMap((dir) => sourcesIn(join(ROOT, dir)))) {
      const rel = relative(ROOT, file);
      for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = relative(ROOT, resolve(file, '..', specifier));
          if (!buildConfig.include.some((dir) => target.startsWith(`${dir}/`))) missing.push(`${rel} imports ${target}, which the build does not include`);
        } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier) && !(packageOf(specifier) in dependencies)) {
          missing.push(`${rel} imports ${specifier}, not a production dependency`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('would notice a devDependency or a test helper loaded at run time', () => {
    expect(runtimeImports("import type { Page } from 'playwright-core';\nexport type { X } from 'vitest';")).toEqual([]);
    expect(runtimeImports("import { type Page } from 'playwright-core';\nconst f = await import('../test/fakes/telegram.ts');")).toEqual([
      'playwright-core',
      '../test/fakes/telegram.ts',
    ]);
    expect(packageOf('@grammyjs/runner/platform')).toBe('@grammyjs/runner');
  });
});

describe('.dockerignore', () => {
  it('keeps secrets, local state and installed or built folders out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const entry of ['.env', '.env.*', '.git', 'node_modules', 'dist', 'data']) expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const compose = read('compose.yaml');
  it('runs the image with the .env settings, the database on a named volume, a restart policy, the port and the health check', () => {
    expect(compose).toMatch(/^\s+env_file: \.env$/m);
    expect(compose).toMatch(/^\s+DATABASE_PATH: \/data\/framebot\.sqlite$/m);
    expect(compose).toMatch(/^\s+- framebot-data:\/data$/m);
    expect(compose).toMatch(/^volumes:\n\s+framebot-data:/m);
    expect(compose).toMatch(/^\s+restart: unless-stopped$/m);
    expect(compose).toMatch(/^\s+- "127\.0\.0\.1:8080:8080"$/m);
    expect(compose).toContain(`test: ["CMD", "node", "${emitted('src/healthcheck.ts')}"]`);
  });

  it('gives a stop more time than the bot takes to finish in-flight work', () => {
    const [, seconds] = /^\s+stop_grace_period: (\d+)s$/m.exec(compose) ?? [];
    // The bot's own deadline is the grace period plus a second (src/main.ts).
    expect(Number(seconds) * 1000).toBeGreaterThan(defaults.shutdownGraceMs + 1_000);
  });
});
