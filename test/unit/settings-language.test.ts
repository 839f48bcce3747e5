// Issue 13, part 3: the language controls of /settings. A user's choice is theirs; the group's is
// its admins' (refused to anyone else, and where there is no group), and a value no control
// offers is refused, each in the user's language.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import type { Scope } from '../../src/core/chat.ts';
import { settingsSet } from '../../commands/settings.ts';
import { scope } from '../support/memory-chat.ts';
import { testProvider } from '../support/provider.ts';
import { testServices, type TestServices } from '../support/services.ts';
import { commandContext } from '../support/command-context.ts';

let store: Store;
let services: TestServices;
beforeEach(() => {
  store = createStore(':memory:');
  services = testServices(store, testProvider({ submit: async () => ({ providerTaskId: 'p-1' }) }));
});
afterEach(() => {
  services.cleanup();
  store.close();
});

const member = (o: Partial<Scope> = {}) => scope({ userId: '7', userName: '@ana', platformLocale: 'es', ...o });

async function press(s: Scope, control: string, admin = false): Promise<string> {
  const before = services.chat.events.length;
  await dispatch(settingsSet, { control }, commandContext(services, s, { admin }), async () => {});
  return services.chat.events.slice(before).map((e) => e.text).join('\n');
}

describe('the language controls of /settings', () => {
  it("refuses the group's language to a member who is not its admin, in their language, and changes nothing", async () => {
    const text = await press(member(), 'set:7:glang=ru');
    expect(text).toContain('Solo los administradores de este servidor o grupo pueden elegir su idioma.');
    expect(await services.settings.getGroup(member())).toEqual({});
  });

  it("refuses a group language in a private chat, where there is no group, even to someone who is an admin elsewhere", async () => {
    const dm = member({ chatId: '7', isPrivate: true });
    expect(await press(dm, 'set:7:glang=ru', true)).toContain('Solo los administradores');
  });

  it("sets the group's language for its admin, and refuses a language that is not one of ours", async () => {
    await press(member(), 'set:7:glang=ru', true);
    expect(await services.settings.getGroup(member())).toEqual({ language: 'ru' });
    expect(await press(member(), 'set:7:lang=de')).toContain('Ese no es uno de mis idiomas.');
    expect((await services.settings.get(member())).language).toBeUndefined();
    await press(member(), 'set:7:glang=auto', true);
    expect(await services.settings.getGroup(member())).toEqual({});
  });

  it("refuses someone else's panel in the presser's language", async () => {
    expect(await press(member({ userId: '8', platformLocale: 'ru' }), 'set:7:lang=es')).toContain('Это чужие настройки');
  });
});
