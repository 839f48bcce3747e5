import type { CommandCall, CommandSpec, RawOptions } from './command.ts';
import { inLocale, parseInput } from './command.ts';
import { toUserFacing, UserError } from './errors.ts';
import { redactResponder } from './redact.ts';
import { msg, render, SOURCE_LOCALE } from '../i18n/index.ts';

/**
 * Runs one command the same way on every platform: the allow and deny lists, validate, the
 * banned words of its prompts, authorize, ask or offer a choice
 * first when the command needs one, acknowledge (for slow commands), run; any error becomes a
 * message for the user (private when it was their fault).
 * `acknowledge` is the platform's "working on it" (Discord defer, Telegram chat action).
 * Every text the command shows passes the secret scrubber: error texts may quote a provider.
 */
export async function dispatch(
  spec: CommandSpec,
  raw: RawOptions | (() => RawOptions),
  given: CommandCall,
  acknowledge: () => Promise<void>,
): Promise<void> {
  const { scope } = given;
  const log = given.services.log.child({ command: spec.name, platform: scope.platform, chatId: scope.chatId, userId: scope.userId });
  const locale = await given.services.settings.localeOf(scope).catch((err: unknown) => {
    log.warn({ err }, 'could not read the language settings; answering in English');
    return SOURCE_LOCALE;
  });
  const ctx = inLocale({ ...given, respond: redactResponder(given.respond, given.services.scrub) }, locale);
  let outcome: 'ok' | 'refused' | 'failed' = 'ok';
  try {
    // The same event handled again (a replay after a crash) must not start its job twice.
    if (await ctx.services.tasks.alreadyStartedBy(ctx.origin, ctx.respond)) return;
    // Refused people and places get one polite refusal, then silence (see AccessService).
    const access = await ctx.services.access.check(scope);
    if (!access.allowed) {
      outcome = 'refused';
      log.debug({ silent: !access.refusal }, 'refused by the allow and deny lists');
      if (access.refusal) await ctx.respond.error(render(locale, access.refusal), { userFault: true });
      return;
    }
    // Every command and press counts, before anything else is looked at (USER_RATE_LIMIT).
    if (spec.rateLimited !== false) await ctx.services.rateLimiter.check(scope);
    const input = parseInput(spec, typeof raw === 'function' ? raw() : raw);
    ctx.services.bannedWords.check(spec.prompts?.(input) ?? []);
    await spec.authorize?.(ctx, input);
    const question = await spec.ask?.(ctx, input);
    if (question) {
      if (!ctx.respond.ask) throw new UserError('cannot_ask', msg('error-cannot-ask'));
      await ctx.respond.ask(question);
      return;
    }
    const choice = await spec.choose?.(ctx, input);
    if (choice) {
      if (!ctx.respond.panel) throw new UserError('cannot_ask', msg('error-cannot-ask-choice'));
      await ctx.respond.panel(choice);
      return;
    }
    if (spec.slow) await acknowledge();
    await spec.run(ctx, input);
  } catch (err) {
    const shown = toUserFacing(err, log, {}, locale);
    outcome = shown.userFault ? 'refused' : 'failed';
    try {
      await ctx.respond.error(shown.text, { userFault: shown.userFault, ...(shown.code ? { code: shown.code } : {}) });
    } catch (replyErr) {
      log.warn({ err: replyErr }, 'could not show an error to the user');
    }
  } finally {
    // The declared name, never what was typed: a bounded label.
    ctx.services.metrics.commands.inc({ platform: scope.platform, command: spec.group ? `${spec.group} ${spec.name}` : spec.name, outcome });
  }
}
