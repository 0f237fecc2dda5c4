/**
 * Every page kind of the student report, rendered in one language from sample runs (graded, build error, start-up
 * crash, not gradable, charts), holds no word of the other language: the fixed wording all comes from the
 * catalogue. Text that has one language by nature is removed first: the student's and the compiler's output,
 * infrastructure problems (kgrade's own errors, English), technical detail (`reason`), commands, ids and raw JSON.
 */
import { describe, it, expect } from 'vitest';
import type { GradeResult } from '../model/result.js';
import type { Lang } from '../model/verdict.js';
import { renderConsole } from './console.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { toClassroom } from './classroom.js';
import { toGradescope } from './gradescope.js';
import {
  buildErrorResult,
  chartResult,
  crashResult,
  notGradableResult,
  sampleResult,
  MAVEN_COMPILE_FAILURE,
} from './sample-result.js';

const ENGLISH = [
  'Seed',
  'Replay',
  'Duration',
  'Started',
  'Checks',
  'Evidence',
  'Hint',
  'Reason',
  'Title',
  'Summary',
  'Provider',
  'Status',
  'unknown',
  'not run',
  'does not build',
  'Standard output',
  'Standard error',
  'pass',
  'fail',
  'failed',
  'error',
  'skipped',
  'graded',
  'Root cause',
  'Last lines',
  'Infrastructure',
  'Kafka version',
  'logs',
  'Raw data',
  'Technical detail',
  'Full output',
  'records',
  'Records',
  'acknowledged',
  'lost',
  'duplicates',
  'bound',
  'injected',
  'time',
  'the',
  'and',
  'with',
  'of',
  'not',
  'exit',
  'truncated',
  'Grading report',
  'empty',
  'none',
  'Notes',
  'killed',
  'healed',
  'shown',
  'stops',
  'start-up',
  'compiler',
];
const FRENCH = [
  'Graine',
  'Rejouer',
  'Durée',
  'Lancé',
  'Vérification',
  'Vérifications',
  'Constat',
  'Indice',
  'Raison',
  'Résumé',
  'Fournisseur',
  'Statut',
  'inconnue',
  'non',
  'exécutée',
  'réussi',
  'échoué',
  'erreur',
  'ignoré',
  'évaluée',
  'Journaux',
  'Sortie',
  'vide',
  'Données',
  'Cause première',
  'Dernières',
  'confirmés',
  'doublons',
  'limite',
  'Pannes',
  'Rapport',
  'Remarques',
  'aucun',
  'Aucun',
  'le',
  'la',
  'les',
  'des',
  'du',
  'est',
  'une',
  'pas',
  'tué',
  'temps',
  'construit',
  'démarrage',
  'compilateur',
  'affichée',
  'Détail',
];

const SAMPLES: Record<string, () => GradeResult> = {
  graded: sampleResult,
  build: buildErrorResult,
  crash: crashResult,
  'not-gradable': notGradableResult,
  charts: chartResult,
};

/** Strings that have one language whatever the report's: removed before looking for words. */
function oneLanguageText(r: GradeResult): string[] {
  return [
    r.replayCommand,
    MAVEN_COMPILE_FAILURE,
    ...r.problems.flatMap((p) => [p.code, p.message, p.hint]),
    ...r.logs.flatMap((l) => [l.stdout, l.stderr, l.phase]),
    ...r.verdicts.flatMap((v) => [
      v.id,
      v.reason ?? '',
      v.crash?.rootCause ?? '',
      v.crash?.lastLines ?? '',
      String(v.evidence.data?.['output'] ?? ''),
    ]),
    ...MAVEN_COMPILE_FAILURE.split('\n').map((l) => l.replace(/^\[ERROR\]\s+/, '').trim()),
    'cannot find symbol',
    'incompatible types: int cannot be converted to java.lang.String',
    'symbol: method sendMessage(java.lang.String)',
    'location: class fr.course.Main',
  ]
    .filter((s) => s.trim().length > 0)
    .sort((a, b) => b.length - a.length);
}

function visible(kind: string, text: string, r: GradeResult): string {
  let out = text;
  if (kind === 'html') {
    out = out
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<pre>[\s\S]*?<\/pre>/g, ' ')
      .replace(/<code>[\s\S]*?<\/code>/g, ' ');
    out = decode(out.replace(/<[^>]+>/g, ' '));
  }
  if (kind === 'junit') {
    // Machine values: the JUnit `type` of a failure and the result's `outcome` enum.
    out = out
      .replace(/<\?xml[^>]*>/, '')
      .replace(/ type="[^"]*"/g, ' ')
      .replace(/<property name="outcome"[^>]*>/, ' ');
    out = decode(out.replace(/<\/?[\w-]+|[\w-]+="|\/?>/g, ' '));
  }
  for (const s of oneLanguageText(r)) out = out.split(s).join(' ');
  // Raw evidence data (JSON keys), ids, file paths, commands and versions.
  return out
    .replace(/"[\w-]+":/g, ' ')
    .replace(/\b[\w.-]+\/[\w./-]+/g, ' ')
    .replace(/--?[\w-]+/g, ' ');
}

function decode(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(/&(amp|lt|gt|quot|apos);|&#(\d+);/g, (_m, n: string | undefined, d: string | undefined) =>
    n ? named[n]! : String.fromCharCode(Number(d)),
  );
}

function pages(r: GradeResult, lang: Lang): Record<string, string> {
  const g = toGradescope(r, { lang });
  const c = toClassroom(r, { lang });
  return {
    html: renderHtml(r, { lang }),
    console: renderConsole(r, { lang, color: false, verbose: true }),
    junit: renderJunit(r, { lang }),
    gradescope: [g.output, ...g.tests.flatMap((x) => [x.name, x.output])].join('\n'),
    classroom: c.tests.flatMap((x) => [x.name, x.message]).join('\n'),
  };
}

function wordsFound(text: string, words: string[]): string[] {
  return words.filter((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'u').test(text));
}

describe.each([
  ['fr', ENGLISH],
  ['en', FRENCH],
] as const)('every page in %s', (lang, foreign) => {
  for (const [name, make] of Object.entries(SAMPLES)) {
    it(`${name}: no word of the other language`, () => {
      const r = make();
      const found = Object.entries(pages(r, lang))
        .map(([kind, text]) => [kind, wordsFound(visible(kind, text, r), foreign)] as const)
        .filter(([, w]) => w.length);
      expect(Object.fromEntries(found)).toEqual({});
    });
  }
});

it('the word lists do catch a page in the other language', () => {
  const r = buildErrorResult();
  for (const [lang, words] of [
    ['en', ENGLISH],
    ['fr', FRENCH],
  ] as const) {
    for (const [kind, text] of Object.entries(pages(r, lang)))
      expect(wordsFound(visible(kind, text, r), words).length, `${lang} ${kind}`).toBeGreaterThan(2);
  }
});
