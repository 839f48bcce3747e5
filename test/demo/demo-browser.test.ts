// The demo's chat page in a real browser: Debian's Chromium, headless, driven by playwright-core
// (which downloads no browser of its own). A person's first minute: /imagine, the progress, the
// grid with U1–U4, U1, the upscale; and typed markup stays text.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../demo/start-demo.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Bounded waits for what the page shows; generous, as CI machines are shared. */
const WAIT_MS = 20_000;

const present = existsSync(CHROMIUM);
// CI installs Chromium (.ci/run), so there a missing browser fails the test rather than skip it.
const inCi = process.env.CI === 'true';
if (!present && !inCi) {
  console.warn(`\n  ⚠ SKIPPED the demo's browser test: ${CHROMIUM} is not installed (apt-get install -y chromium; CI installs it)\n`);
}

let demo: Demo | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;

afterEach(async () => {
  await context?.close();
  context = undefined;
  if (profile) rmSync(profile, { recursive: true, force: true });
  profile = undefined;
  await demo?.close();
  demo = undefined;
});

/** Waits until an image inside `within` has really loaded (decoded, not a broken icon). */
async function imageLoaded(within: Locator): Promise<void> {
  const img = within.locator('img').first();
  await img.waitFor({ timeout: WAIT_MS });
  // Runs in the page (the tests compile without the DOM's types).
  const loaded = () => img.evaluate((el) => (el as unknown as { complete: boolean; naturalWidth: number }).complete && (el as unknown as { naturalWidth: number }).naturalWidth > 0);
  await expect.poll(loaded, { timeout: WAIT_MS }).toBe(true);
}

const botMessage = (page: Page, text: string | RegExp) => page.locator('article.from-bot', { hasText: text });

describe('the demo page in headless Chromium', () => {
  it.skipIf(!present && !inCi)('types /imagine, sees the progress and the grid with U1–U4, presses U1 and sees the upscale', { timeout: 90_000 }, async () => {
    if (!present) throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`);
    demo = await startDemo({ port: 0, fallbackToFreePort: false });
    // The jobs move when the test says so, so the progress is seen for certain, with no timing.
    demo.apiframe.setMode('manual');
    profile = mkdtempSync(join(tmpdir(), 'framebot-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await page.goto(demo.url);
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent(), { timeout: WAIT_MS }).toContain('Framebot');
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('/imagine a red fox');
    await box.press('Enter');

    // Mine on the right, then the bot's progress, moving as Apiframe reports.
    await page.locator('article.mine', { hasText: '/imagine a red fox' }).waitFor({ timeout: WAIT_MS });
    await botMessage(page, 'Waiting to start').waitFor({ timeout: WAIT_MS });
    const task = await demo.apiframe.waitForTask('imagine');
    await demo.apiframe.progress(task.id, 50);
    await botMessage(page, '50%').waitFor({ timeout: WAIT_MS });

    // The progress message becomes the grid, with its buttons.
    await demo.apiframe.finish(task.id);
    const grid = botMessage(page, '✅ Imagine “a red fox”');
    await imageLoaded(grid);
    for (const label of ['U1', 'U2', 'U3', 'U4']) await expect.poll(() => grid.getByRole('button', { name: label, exact: true }).count()).toBe(1);
    await expect.poll(() => page.locator('article.from-bot').count()).toBe(1);

    await grid.getByRole('button', { name: 'U1', exact: true }).click();
    const upscaleTask = await demo.apiframe.waitForTask('upscale-1x');
    expect(upscaleTask.body).toMatchObject({ parent_task_id: task.id, index: '1' });
    await demo.apiframe.finish(upscaleTask.id);
    const upscale = botMessage(page, 'Upscale #1');
    await imageLoaded(upscale);
    await expect.poll(() => upscale.getByRole('button', { name: 'Vary (Subtle)' }).count(), { timeout: WAIT_MS }).toBe(1);

    // What anyone typed is shown as text, never run as markup.
    const markup = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> <b>bold</b>';
    await box.fill(markup);
    await box.press('Enter');
    await page.locator('article.mine', { hasText: '<b>bold</b>' }).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('article.mine', { hasText: '<b>bold</b>' }).locator('img, script, b').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
