import { describe, expect, it } from 'vitest';
import { BannedWords, DEFAULT_BANNED_WORDS, parseBannedWords } from '../../src/core/banned-words.ts';
import { UserError } from '../../src/core/errors.ts';

describe('banned words', () => {
  const list = new BannedWords(['ass', 'Blood Bath', 'café']);

  it('never matches inside a longer word: grass, apple, class and assassin pass a list with "ass"', () => {
    for (const prompt of ['green grass at dawn', 'an apple', 'a class photo', 'the assassin', 'bass guitar', 'ass2ass', 'passé']) {
      expect(list.find(prompt), prompt).toBeUndefined();
    }
  });

  it('matches a whole word whatever its case, width or the punctuation around it', () => {
    expect(list.find('a donkey, an ASS!')).toBe('ass');
    expect(list.find('--no ass')).toBe('ass');
    expect(list.find('"Ass"')).toBe('ass');
    // Fullwidth letters are the same word once normalised (NFKC).
    expect(list.find('an ａｓｓ')).toBe('ass');
  });

  it('matches a phrase only as its words in a row, across spaces and punctuation', () => {
    expect(list.find('a blood  bath in the sea')).toBe('Blood Bath');
    expect(list.find('blood-bath')).toBe('Blood Bath');
    expect(list.find('blood and a bath')).toBeUndefined();
    expect(list.find('bloodbath')).toBeUndefined();
  });

  it('matches words outside ASCII, by Unicode word boundaries', () => {
    expect(list.find('un CAFÉ noir')).toBe('café');
    expect(list.find('cafés')).toBeUndefined();
    const cjk = new BannedWords(['猫']);
    expect(cjk.find('猫が好き')).toBe('猫');
  });

  it('refuses with the matched word named, and passes texts without one', () => {
    expect(() => list.check(['a fox', undefined, 'grass'])).not.toThrow();
    try {
      list.check(['a fox', 'one ass']);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).code).toBe('banned_word');
      expect((err as UserError).message).toContain('“ass”');
    }
  });

  it('reads a list file: one word or phrase a line, # comments and blank lines skipped', () => {
    expect(parseBannedWords('# mine\nass\n\n  blood bath  # a phrase\r\n#off\n')).toEqual(['ass', 'blood bath']);
    expect(new BannedWords(parseBannedWords('# nothing\n')).size).toBe(0);
  });

  it('ships a short default list that refuses its words and lets ordinary prompts pass', () => {
    const defaults = new BannedWords(DEFAULT_BANNED_WORDS);
    expect(DEFAULT_BANNED_WORDS.length).toBeLessThan(20);
    expect(defaults.find('a NSFW picture')).toBe('nsfw');
    expect(defaults.find('a red fox in fresh snow, grass, apples')).toBeUndefined();
  });
});
