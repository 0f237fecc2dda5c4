import { describe, it, expect } from 'vitest';
import { MESSAGES, formatTimestamp, label, statusLabel } from './i18n.js';
import { summaryOf } from './format.js';

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

describe('summaryOf and formatTimestamp', () => {
  it('writes French durations with a decimal comma, leaves versions and English alone', () => {
    const v = {
      evidence: {
        summary: { fr: 'Terminé en 19.6 s, lag à 0 en 1.0 s (Kafka 3.9.0, 2.5 ms).', en: 'Done in 19.6 s.' },
      },
    };
    expect(summaryOf(v, 'fr')).toBe('Terminé en 19,6 s, lag à 0 en 1,0 s (Kafka 3.9.0, 2,5 ms).');
    expect(summaryOf(v, 'en')).toBe('Done in 19.6 s.');
  });
  it('formats a UTC timestamp for the language', () => {
    expect(formatTimestamp('2024-11-21T10:00:00.000Z', 'fr')).toBe('21/11/2024 10:00:00 UTC');
    expect(formatTimestamp('2024-11-21T10:00:00.000Z', 'en')).toBe('Nov 21, 2024, 10:00:00 UTC');
    expect(formatTimestamp('not a date', 'en')).toBe('not a date');
  });
});
