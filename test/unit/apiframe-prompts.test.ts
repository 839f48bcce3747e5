// Issue 8, parts 2 and 5: what /describe and /shorten answers become (apiframe-api.md §3.11–3.12).
import { describe, expect, it } from 'vitest';
import { importantTokens, suggestedPrompts } from '../../src/providers/apiframe/prompts.ts';
import { normalizeTaskView } from '../../src/providers/apiframe/normalize.ts';
import { taskView } from '../../src/providers/apiframe/schemas.ts';
import { usableResult } from '../../src/core/results.ts';

describe('suggested prompts', () => {
  it('drops the keycap numbers (with or without the variation selector) and keeps the prompt as one line', () => {
    expect(suggestedPrompts(['1️⃣ a fox in snow --ar 3:2', '2\u20E3 a red fox,\nwatercolor', '🔟 tenth', '4. plain', '  ', '5)'])).toEqual([
      'a fox in snow --ar 3:2',
      'a red fox, watercolor',
      'tenth',
      'plain',
    ]);
  });

  it('reads the bold words of the Important tokens section as the tokens', () => {
    const full = '## Important tokens\n~~a~~ ~~very~~ **beautiful** **red fox**, ~~in~~ **snow** **snow**\n\n## Shortened prompts\n1️⃣ red fox snow';
    expect(importantTokens(full)).toEqual(['beautiful', 'red fox', 'snow']);
  });

  it('falls back to the section without its struck-through words, and to nothing without a section', () => {
    expect(importantTokens('**IMPORTANT TOKENS**\n~~please~~ draw a fox\n1️⃣ fox')).toEqual(['draw a fox']);
    expect(importantTokens('1️⃣ fox')).toBeUndefined();
    expect(importantTokens('## Important tokens\n~~all~~ ~~gone~~')).toBeUndefined();
  });
});

describe('a finished /describe or /shorten view', () => {
  const read = (body: Record<string, unknown>) => normalizeTaskView(taskView.parse({ task_id: 't1', status: 'finished', ...body }));

  it('is a prompts result even though /describe also sends the image it described', () => {
    const view = read({ task_type: 'describe', image_url: 'https://cdn.example/cat.png', content: ['1️⃣ a cat', '2️⃣ a dog', '3️⃣ a bird', '4️⃣ a fish'] });
    expect(view).toMatchObject({ state: 'finished', result: { kind: 'prompts', prompts: ['a cat', 'a dog', 'a bird', 'a fish'] } });
    expect(usableResult('mj.describe', view.result)).toBeDefined();
    // An image is not what a describe ends with.
    expect(usableResult('mj.describe', read({ image_url: 'https://cdn.example/cat.png' }).result)).toBeUndefined();
  });

  it('carries the important tokens of a /shorten', () => {
    const view = read({ task_type: 'shorten', content: ['1️⃣ red fox'], full_content: '## Important tokens\n**red** **fox** ~~please~~' });
    expect(view.result).toEqual({ kind: 'prompts', prompts: ['red fox'], tokens: ['red', 'fox'] });
  });

  it('without prompts (an empty or malformed list) is no result, so the task fails and is refunded', () => {
    expect(usableResult('mj.shorten', read({ task_type: 'shorten', content: [] }).result)).toBeUndefined();
    expect(usableResult('mj.shorten', read({ task_type: 'shorten', content: ['1️⃣ '] }).result)).toBeUndefined();
    expect(read({ task_type: 'shorten', content: 'not a list' }).result).toBeUndefined();
  });
});
