/**
 * Lists and names in a diagnosis, as the console shows them: a list cut to its first items says how many it
 * holds ("a, b, c (3 of 4 shown)"), and a name too long to show whole is cut outside its quotes ("abc"… ,
 * never "abc..." which reads as the name itself). Pure.
 */
import type { Localized } from '../../model/verdict.js';

/** The first `n` items joined by `sep`, followed, when some are left out, by how many are shown. */
export function shownList(items: readonly string[], n: number, sep: Localized = { fr: ', ', en: ', ' }): Localized {
  const shown = items.slice(0, n);
  const cut = items.length > shown.length;
  return {
    fr: shown.join(sep.fr) + (cut ? ` (${shown.length} sur ${items.length} affichés)` : ''),
    en: shown.join(sep.en) + (cut ? ` (${shown.length} of ${items.length} shown)` : ''),
  };
}

/** `text` in quotes (« » in French), cut after `max` characters with the cut said outside the quotes. */
export function quotedText(text: string, max: number): Localized {
  if (text.length <= max) return { fr: `« ${text} »`, en: `"${text}"` };
  const head = text.slice(0, max);
  return {
    fr: `« ${head} »… (${max} premiers caractères sur ${text.length})`,
    en: `"${head}"… (first ${max} of ${text.length} characters)`,
  };
}
