import { describe, it, expect } from 'vitest';
import { MESSAGES, label, statusLabel } from './i18n.js';

describe('i18n', () => {
  it('has the same non-empty keys in fr and en', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.fr).sort());
    for (const lang of ['fr', 'en'] as const) {
      for (const value of Object.values(MESSAGES[lang])) expect(value.trim()).not.toBe('');
    }
  });
  it('uses each language colon spacing', () => {
    expect(label('fr', 'hint')).toBe('Indice :');
    expect(label('en', 'hint')).toBe('Hint:');
    expect(statusLabel('fr', 'not-gradable')).toBe('non notable');
  });
});
