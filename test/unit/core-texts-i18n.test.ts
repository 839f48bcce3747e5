// Issue 13: a task's progress, place in line, result, buttons and failure are written in the
// language of the task (task.locale); the English stays what it was.
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/core/actions/entries.ts';
import { actionHelp, buttonRows } from '../../src/core/actions/catalog.ts';
import type { ActionEntry, ParentTask } from '../../src/core/actions/types.ts';
import { boardLocale, boardText, cancelledText, waitingText } from '../../src/core/queue-text.ts';
import { failureText, progressText, refundNote } from '../../src/core/render.ts';
import { labelIn } from '../../src/core/task-label.ts';
import { TOO_LONG } from '../../src/core/task-reasons.ts';
import type { ActionRecord } from '../../src/store/records/actions.ts';
import pino from 'pino';
import { toUserFacing, UserError } from '../../src/core/errors.ts';
import { ProviderError } from '../../src/providers/types.ts';
import { msg } from '../../src/i18n/index.ts';

const log = pino({ level: 'silent' });

const fox = { label: 'Upscale #2', prompt: 'a fox', userName: '@ana', cost: 4, walletId: 'telegram:user:1', error: TOO_LONG };

describe('task texts in the task’s language', () => {
  it('names every job a button starts in English exactly as it is stored, and translates each one', () => {
    const parent = { label: 'Imagine', job: { type: 'mj.imagine', prompt: 'p' } } as unknown as ParentTask;
    for (const entry of ACTIONS as readonly ActionEntry[]) {
      if (!('taskLabel' in entry) || !entry.taskLabel) continue;
      const variants = Array.isArray(entry.variants) ? (entry.variants as string[]) : [null];
      for (const v of variants) {
        const label = entry.taskLabel(v, parent);
        expect(labelIn('en', label)).toBe(label);
        expect(labelIn('es', label), label).not.toBe(label);
      }
    }
    expect(labelIn('ru', 'Pan left')).toBe('Сдвиг влево');
    // A model's name is nobody's word to translate.
    expect(labelIn('es', 'Flux Schnell')).toBe('Flux Schnell');
  });

  it('shows progress, the place in line and a failure in Spanish for a Spanish task', () => {
    const es = { ...fox, locale: 'es' as const };
    expect(progressText(es, 0)).toBe('⏳ Ampliación n.º 2 “a fox” para @ana\nEsperando para empezar…');
    expect(waitingText(es, 3, 150_000)).toBe('⏳ 3.º en la cola, aprox. 3 min\nAmpliación n.º 2 “a fox” para @ana');
    expect(failureText(es, 4)).toBe('❌ Ampliación n.º 2 “a fox” no terminó: tardó demasiado, así que se detuvo. Se te devolvieron tus 4 créditos.');
    // A provider's own words are shown as they came.
    expect(failureText({ ...es, error: 'Job blocked' }, 0)).toContain('no terminó: Job blocked. Los 4 créditos que costó no se devolvieron.');
  });

  it('writes refunds with Russian plural forms', () => {
    const ru = { ...fox, locale: 'ru' as const };
    expect(refundNote({ ...ru, cost: 1 }, 1)).toBe('Ваш 1 кредит возвращён.');
    expect(refundNote({ ...ru, cost: 3 }, 3)).toBe('Ваши 3 кредита возвращены.');
    expect(refundNote({ ...ru, cost: 5 }, 5)).toBe('Ваши 5 кредитов возвращены.');
    expect(cancelledText(ru, refundNote(ru, 4))).toBe('❌ Увеличение №2 “a fox” — задача отменена до запуска. Ваши 4 кредита возвращены.');
  });

  it('writes a board in the language of the newest job on it, and English ordinals in English', () => {
    const entries = [
      { task: { ...fox, locale: 'en' as const, createdAt: 1 }, position: 1, eta: 60_000 },
      { task: { ...fox, locale: 'pt-BR' as const, createdAt: 2 }, position: 2, eta: 20_000 },
    ];
    const locale = boardLocale(entries.map((e) => e.task));
    expect(locale).toBe('pt-BR');
    expect(boardText(entries, locale).split('\n').slice(0, 3)).toEqual([
      '⏳ Na fila aqui (2 tarefas):',
      '1º: Ampliação nº 2 “a fox” para @ana, cerca de 1 min',
      '2º: Ampliação nº 2 “a fox” para @ana, menos de um minuto',
    ]);
    expect(boardText(entries).split('\n')[2]).toBe('2nd: Upscale #2 “a fox” for @ana, under a minute');
  });

  it('labels the buttons under a result in the reader’s language; U1 and the emoji stay', () => {
    const actions = [
      { id: 'a1', kind: 'upscale', arg: '1' },
      { id: 'a2', kind: 'vary', arg: 'strong' },
      { id: 'a3', kind: 'zoom', arg: '1.5' },
      { id: 'a4', kind: 'seed', arg: null },
    ] as ActionRecord[];
    const labels = (locale: 'en' | 'zh-CN' | 'es') => buttonRows(actions, locale).flat().map((b) => b.label);
    expect(labels('en')).toEqual(['U1', 'Vary (Strong)', 'Zoom Out 1.5x', '🌱 Seed']);
    expect(labels('es')).toEqual(['U1', 'Variar (fuerte)', 'Alejar 1.5x', '🌱 Semilla']);
    expect(labels('zh-CN')).toEqual(['U1', '变化（强）', '缩小 1.5x', '🌱 种子']);
    expect(actionHelp('es')).toContain('Ampliar (sutil/creativo) más grande, refinada');
    expect(actionHelp()).toContain('Upscale (Subtle/Creative) larger, refined');
  });
});

describe('refusals and apologies in the reader’s language', () => {
  it('renders a refusal’s message in the locale it is shown in, its English unchanged', () => {
    const err = new UserError('rate_limited', msg('error-rate-limited', { limit: 10, unit: 'minute', count: 1, wait: 21 }));
    expect(err.message).toBe('You are sending commands faster than this bot takes them: at most 10 commands in a minute each. Please wait 21 seconds and try again. Nothing was charged.');
    expect(toUserFacing(err, log, {}, 'ru').text).toBe(
      'Вы отправляете команды быстрее, чем их принимает бот: не больше 10 команд за минуту. Подождите 21 секунду и попробуйте снова. Ничего не списано.',
    );
    expect(toUserFacing(err, log, {}, 'es')).toMatchObject({ userFault: true, code: 'rate_limited' });
  });

  it('apologizes in Portuguese with the reference id, and quotes a service’s refusal as it wrote it', () => {
    const shown = toUserFacing(new Error('boom'), log, {}, 'pt-BR');
    expect(shown.text).toBe(`Desculpe, algo deu errado do nosso lado. Se continuar acontecendo, passe ao operador do bot esta referência: ${shown.referenceId}`);
    const refused = toUserFacing(new ProviderError('rejected', 'imagine', 'Banned prompt detected'), log, {}, 'zh-CN');
    expect(refused.text).toBe('图像服务拒绝了这个请求：Banned prompt detected. 未扣除任何积分。');
    const key = toUserFacing(new ProviderError('auth', 'imagine', 'bad key'), log, {}, 'en');
    expect(key.text).toBe(`The bot's image service key is not valid, so nothing was started. Please tell the bot operator (reference ${key.referenceId}).`);
  });
});

describe('prices in the reader’s language', () => {
  it('names each price in words of the language, the number grouped by Intl', async () => {
    const { COST_WORDS } = await import('../../src/core/costs.ts');
    expect(COST_WORDS.imagine(4)).toBe('imagine 4');
    expect(COST_WORDS.upscale_alt(2000)).toBe('Upscale (Subtle/Creative) 2,000');
    expect(COST_WORDS.pan(4, 'es')).toBe('desplazar 4');
    expect(COST_WORDS.generate_flux_2(3, 'ru')).toBe('изображения Flux 2 Pro 3 за штуку');
  });
});

describe('AI Photos texts', () => {
  it('says a model is still training, with its progress only when known, in English and Spanish', async () => {
    const { t } = await import('../../src/i18n/index.ts');
    expect(t('en', 'error-not-ready', { name: 'ana', stage: 'training', percent: 40 })).toBe('“ana” is still training (40%). I\'ll post here when it is ready.');
    expect(t('en', 'error-not-ready', { name: 'ana', stage: 'preparing', percent: 0 })).toBe('“ana” is still being prepared. I\'ll post here when it is ready.');
    expect(t('es', 'error-not-ready', { name: 'ana', stage: 'training', percent: 40 })).toBe('“ana” todavía se está entrenando (40 %). Avisaré aquí cuando esté listo.');
    expect(t('en', 'photos-list-model', { name: 'ana', state: 'training', percent: 0, owner: 'other', ownerName: '@bo' })).toBe('ana — training (shared by @bo)');
    expect(t('pt-BR', 'photos-list-model', { name: 'ana', state: 'ready', percent: 0, owner: 'shared', ownerName: '@bo' })).toBe('ana — pronto (seu, compartilhado aqui)');
  });
});

describe('failure reasons', () => {
  it('translates the bot’s own reasons, with or without their full stop, and leaves a service’s words alone', async () => {
    const { reasonIn, NO_RESULT } = await import('../../src/core/task-reasons.ts');
    expect(reasonIn('en', NO_RESULT)).toBe(NO_RESULT);
    expect(reasonIn('pt-BR', `${NO_RESULT}.`)).toBe('o serviço de imagens disse que terminou, mas não enviou nenhuma imagem');
    expect(reasonIn('zh-CN', 'the image service finished the image but sent no address to fetch it from')).toBe('图像服务已完成图片，但没有提供下载地址');
    expect(reasonIn('ru', 'Invalid parameter --ar')).toBe('Invalid parameter --ar');
  });
});

describe('ledger notes', () => {
  it('translates the notes the bot writes and leaves an operator’s own note as written', async () => {
    const { ledgerNoteIn } = await import('../../src/core/credit-history.ts');
    expect(ledgerNoteIn('en', 'welcome credits')).toBe('welcome credits');
    expect(ledgerNoteIn('en', 'Flux 2 Pro: 1 of 4 images did not come back')).toBe('Flux 2 Pro: 1 of 4 images did not come back');
    expect(ledgerNoteIn('es', 'welcome credits')).toBe('créditos de bienvenida');
    expect(ledgerNoteIn('es', 'Imagine: 1 of 4 images did not come back')).toBe('Imaginar: no llegó 1 de 4 imágenes');
    expect(ledgerNoteIn('ru', 'for the contest')).toBe('for the contest');
  });
});

describe('a refusal the service gave no words for', () => {
  it('is said in the reader’s language, not as the English fallback', async () => {
    const { toUserFacing } = await import('../../src/core/errors.ts');
    const { reasonIn } = await import('../../src/core/task-reasons.ts');
    const { NOTHING_SAID, ProviderError } = await import('../../src/providers/types.ts');
    const { memoryLogger } = await import('../support/silent-log.ts');
    const refused = new ProviderError('rejected', 'imagine', NOTHING_SAID);
    const { log } = memoryLogger([], 'silent');
    expect(toUserFacing(refused, log, {}, 'en').text).toBe('The image service refused this request: The request was not accepted. Nothing was charged.');
    expect(toUserFacing(refused, log, {}, 'es').text).toBe('El servicio de imágenes rechazó esta petición sin decir por qué. No se cobró nada.');
    expect(reasonIn('ru', NOTHING_SAID)).toBe('Запрос не был принят');
    expect(reasonIn('ru', 'Banned prompt detected')).toBe('Banned prompt detected');
  });
});
