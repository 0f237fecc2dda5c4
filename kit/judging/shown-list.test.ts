import { describe, expect, it } from 'vitest';
import { quotedText, shownList } from './shown-list.js';

describe('lists and names in a diagnosis', () => {
  it('a cut list says how many it holds; a whole one says nothing more', () => {
    expect(shownList(['a', 'b', 'c', 'd'], 3)).toEqual({
      fr: 'a, b, c (3 sur 4 affichés)',
      en: 'a, b, c (3 of 4 shown)',
    });
    expect(shownList(['a', 'b'], 3)).toEqual({ fr: 'a, b', en: 'a, b' });
    expect(shownList(['x', 'y', 'z'], 2, { fr: ' ; ', en: '; ' }).fr).toBe('x ; y (2 sur 3 affichés)');
  });
  it('a shortened name is cut outside its quotes, never with ... inside them', () => {
    expect(quotedText('short', 10)).toEqual({ fr: '« short »', en: '"short"' });
    const long = quotedText('abcdefghijkl', 5);
    expect(long.en).toBe('"abcde"… (first 5 of 12 characters)');
    expect(long.fr).toBe('« abcde »… (5 premiers caractères sur 12)');
    expect(long.en).not.toMatch(/\.\.\."|…"/);
  });
});
