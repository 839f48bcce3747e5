import type { ChatPort, Responder, ResultMessage } from './chat.ts';

/**
 * Removes every configured secret (and anything token-shaped) from a text; the logger uses the same
 * one (`makeScrubber`). Text from a provider can echo what we sent it, webhook secret included.
 */
export type Scrub = (text: string) => string;

/** A Responder that scrubs every text before the chat sees it; dispatch wraps each command's once. */
export function redactResponder(respond: Responder, scrub: Scrub): Responder {
  const redacted: Responder = {
    progress: (text) => respond.progress(scrub(text)),
    text: (text, opts) => respond.text(scrub(text), opts),
    error: (text, opts) => respond.error(scrub(text), opts),
    ...(respond.ask ? { ask: (q) => respond.ask!({ ...q, title: scrub(q.title), fields: q.fields.map((f) => ({ ...f, value: f.value === undefined ? undefined : scrub(f.value) })) }) } : {}),
    ...(respond.panel ? { panel: (p) => respond.panel!({ ...p, text: scrub(p.text) }) } : {}),
    ...(respond.file ? { file: (image, caption) => respond.file!(image, scrub(caption)) } : {}),
    ...(respond.status ? { status: (key, text) => respond.status!(key, scrub(text)) } : {}),
    ...(respond.inLine ? { inLine: (text) => respond.inLine!(scrub(text)) } : {}),
  };
  // The reply channels of further tasks of the same press are scrubbed too.
  if (respond.another) redacted.another = () => redactResponder(respond.another!(), scrub);
  return redacted;
}

/** A ChatPort that scrubs what the core sends on its own: progress, results and failures. */
export function redactPort(port: ChatPort, scrub: Scrub): ChatPort {
  const clean = (m: ResultMessage): ResultMessage => ({
    ...m,
    text: scrub(m.text),
    buttons: m.buttons.map((row) => row.map((b) => ({ ...b, label: scrub(b.label) }))),
  });
  return {
    platform: port.platform,
    updateProgress: (ref, text) => port.updateProgress(ref, scrub(text)),
    deliverResult: (dest, progress, message, key, journal) => port.deliverResult(dest, progress, clean(message), key, journal),
    deliverFailure: (dest, progress, text, journal) => port.deliverFailure(dest, progress, scrub(text), journal),
    removeProgress: (ref) => port.removeProgress(ref),
    ...(port.showLine ? { showLine: (chatId, key, text, waiting, mayPost) => port.showLine!(chatId, key, scrub(text), waiting, mayPost) } : {}),
    ...(port.postProgress ? { postProgress: (ref, text) => port.postProgress!(ref, scrub(text)) } : {}),
  };
}
