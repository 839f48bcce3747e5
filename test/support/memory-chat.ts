import type { ChatPort, Destination, MessageRef, Panel, Platform, Question, Responder, ResultImage, ResultMessage, Scope } from '../../src/core/chat.ts';

export interface ChatEvent {
  kind: 'progress' | 'edit' | 'result' | 'failure' | 'text' | 'error' | 'ask' | 'panel' | 'file' | 'removed';
  chatId: string;
  messageId?: string;
  text: string;
  result?: ResultMessage;
  private?: boolean;
  userFault?: boolean;
  key?: string;
  question?: Question;
  panel?: Panel;
  file?: ResultImage;
}

/** Each event's place among every MemoryChat's events in this process (see timeline). */
const order = new WeakMap<ChatEvent, number>();
let recorded = 0;

/** A chat platform that lives in memory: records what the core shows, for unit tests and benchmarks. */
export class MemoryChat implements ChatPort {
  readonly events: ChatEvent[] = [];
  private nextId = 1;
  private waiters: Array<{ test: (e: ChatEvent) => boolean; resolve: (e: ChatEvent) => void }> = [];
  failDeliveries = 0;

  constructor(readonly platform: Platform = 'telegram') {}

  /** The events of several chats (instances sharing a store, each with its own) in the order they happened. */
  static timeline(...chats: MemoryChat[]): ChatEvent[] {
    return chats.flatMap((c) => c.events).sort((x, y) => order.get(x)! - order.get(y)!);
  }

  private record(e: ChatEvent): void {
    order.set(e, ++recorded);
    this.events.push(e);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(e)) return true;
      w.resolve(e);
      return false;
    });
  }

  waitFor(test: (e: ChatEvent) => boolean, timeoutMs = 5_000): Promise<ChatEvent> {
    const found = this.events.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching chat event; saw: ${this.events.map((e) => e.kind).join(',')}`)), timeoutMs);
      this.waiters.push({ test, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }

  of(kind: ChatEvent['kind']): ChatEvent[] {
    return this.events.filter((e) => e.kind === kind);
  }

  responder(scope: Scope): Responder {
    let ref: MessageRef | undefined;
    return {
      progress: async (text) => {
        if (!ref) {
          ref = { platform: this.platform, chatId: scope.chatId, messageId: String(this.nextId++) };
          this.record({ kind: 'progress', chatId: scope.chatId, messageId: ref.messageId, text });
        } else this.record({ kind: 'edit', chatId: scope.chatId, messageId: ref.messageId, text });
        return ref;
      },
      text: async (text, opts) => this.record({ kind: 'text', chatId: scope.chatId, text, private: opts?.private }),
      error: async (text, opts) => this.record({ kind: 'error', chatId: scope.chatId, text, userFault: opts.userFault }),
      ask: async (question) => this.record({ kind: 'ask', chatId: scope.chatId, text: question.title, question }),
      panel: async (panel) => this.record({ kind: 'panel', chatId: scope.chatId, text: panel.text, panel }),
      file: async (file, caption) => this.record({ kind: 'file', chatId: scope.chatId, text: caption, file }),
      another: () => this.responder(scope),
    };
  }

  async updateProgress(ref: MessageRef, text: string): Promise<void> {
    this.record({ kind: 'edit', chatId: ref.chatId, messageId: ref.messageId, text });
  }

  async deliverResult(dest: Destination, _progress: MessageRef | undefined, message: ResultMessage, key: string): Promise<MessageRef> {
    if (this.failDeliveries > 0) {
      this.failDeliveries--;
      throw new Error('chat is down');
    }
    const messageId = String(this.nextId++);
    this.record({ kind: 'result', chatId: dest.chatId, messageId, text: message.text, result: message, key });
    return { platform: this.platform, chatId: dest.chatId, messageId };
  }

  async deliverFailure(dest: Destination, _progress: MessageRef | undefined, text: string): Promise<void> {
    this.record({ kind: 'failure', chatId: dest.chatId, text });
  }

  async removeProgress(ref: MessageRef): Promise<void> {
    this.record({ kind: 'removed', chatId: ref.chatId, messageId: ref.messageId, text: '' });
  }
}

export function scope(over: Partial<Scope> = {}): Scope {
  return { platform: 'telegram', chatId: '-100', userId: '7', userName: '@ana', isPrivate: false, ...over };
}
