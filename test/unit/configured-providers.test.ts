import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { configuredProviders } from '../../src/providers/configured.ts';
import type { ProviderRegistry } from '../../src/providers/registry.ts';
import { memoryLogger } from '../support/silent-log.ts';

const TELEGRAM = { TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi' };
const AIPHOTO = { AIPHOTOGENERATOR_API_TOKEN: 'aiphoto-token-0123456789' };
const HOOKS = { PUBLIC_URL: 'https://bot.example.com', WEBHOOK_SECRET: 'w'.repeat(24) };

let registry: ProviderRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

function providersFor(env: Record<string, string>) {
  const config = loadConfig({ ...TELEGRAM, ...env });
  const { log, lines } = memoryLogger();
  registry = configuredProviders(
    {
      apiframe: config.apiframe,
      aiphotogenerator: config.aiphotogenerator,
      webhooks: config.publicUrl && config.webhookSecret ? { publicUrl: config.publicUrl, secret: config.webhookSecret } : undefined,
    },
    log,
  );
  return { registry, lines };
}

describe('configuredProviders', () => {
  it('registers aiphotogenerator.net alone when only its token is set, for gen.image jobs', () => {
    const { registry } = providersFor({ ...AIPHOTO, AIPHOTOGENERATOR_MODELS: 'nano-banana,flux-2' });
    expect(registry.all().map((p) => p.id)).toEqual(['aiphotogenerator']);
    expect(registry.forJob('gen.image')?.id).toBe('aiphotogenerator');
    expect(registry.forJob('mj.imagine')).toBeUndefined();
    expect(registry.get('aiphotogenerator')?.models).toEqual(['nano-banana', 'flux-2']);
    expect(registry.webhookAt('/webhooks/aiphotogenerator')).toBeUndefined();
    expect(registry.imageHost()).toBeUndefined();
  });

  it('serves its webhook with PUBLIC_URL, checking ?token= against WEBHOOK_SECRET, yet keeps polling as usual', () => {
    const { registry, lines } = providersFor({ ...AIPHOTO, ...HOOKS });
    const route = registry.webhookAt('/webhooks/aiphotogenerator');
    expect(route?.provider).toBe('aiphotogenerator');
    expect(route?.webhook.authorized({ headers: {}, query: new URLSearchParams({ token: HOOKS.WEBHOOK_SECRET }) })).toBe(true);
    expect(route?.webhook.authorized({ headers: {}, query: new URLSearchParams({ token: 'nope' }) })).toBe(false);
    expect(registry.get('aiphotogenerator')?.pushesUpdates).toBe(false);
    // The operator is told which URL to register, without the secret itself.
    const hint = lines.find((l) => l.includes('register'));
    expect(hint).toContain('https://bot.example.com/webhooks/aiphotogenerator?token=<WEBHOOK_SECRET>');
    expect(lines.join('')).not.toContain(HOOKS.WEBHOOK_SECRET);
  });

  it('registers both services side by side when both keys are set', () => {
    const { registry } = providersFor({ ...AIPHOTO, APIFRAME_API_KEY: 'apiframe-key-123', ...HOOKS });
    expect(registry.all().map((p) => p.id)).toEqual(['apiframe', 'aiphotogenerator']);
    expect(registry.forJob('mj.imagine')?.id).toBe('apiframe');
    expect(registry.forJob('gen.image')?.id).toBe('aiphotogenerator');
    expect(registry.webhookAt('/webhooks/apiframe')?.provider).toBe('apiframe');
    expect(registry.webhookAt('/webhooks/aiphotogenerator')?.provider).toBe('aiphotogenerator');
  });
});
