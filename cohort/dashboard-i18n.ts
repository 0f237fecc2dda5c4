/**
 * Every fixed string of the cohort's outputs (dashboard, the navigation added to a student's reports, the
 * gradebook's notes), in both languages. Renderers pick from here; nothing they show is written inline.
 */
import type { Lang, VerdictStatus } from '../model/verdict.js';
import type { RosterProblem } from './roster.js';

export const DASHBOARD_TEXT = {
  title: { fr: 'Tableau de bord de la promotion', en: 'Cohort dashboard' },
  generated: { fr: 'Généré le', en: 'Generated' },
  students: { fr: 'étudiants', en: 'students' },
  studentsCol: { fr: 'Étudiants', en: 'Students' },
  needsHelp: { fr: 'Qui a besoin d’aide', en: 'Who needs help' },
  nobodyHelp: { fr: 'Personne sous le seuil.', en: 'Nobody below the threshold.' },
  reteach: { fr: 'À réexpliquer', en: 'What to re-teach' },
  reteachNote: {
    fr: 'Vérifications les plus échouées (parmi les solutions évaluées sur ce point ; une solution qui ne compile pas ne compte pas).',
    en: 'Checks most students fail (among solutions judged on that point; a solution that does not build does not count).',
  },
  nothingToReteach: { fr: 'Aucune vérification échouée.', en: 'No failed check.' },
  scores: { fr: 'Scores', en: 'Scores' },
  heatmap: { fr: 'Carte de chaleur étudiant × vérification', en: 'Heat map: student × check' },
  heatmapNote: {
    fr: 'Chaque case mène au rapport de l’étudiant pour cet exercice.',
    en: 'Each cell opens the student’s report for that exercise.',
  },
  distribution: { fr: 'Distribution des scores', en: 'Score distribution' },
  histogramLabel: {
    fr: 'Histogramme des scores : nombre d’étudiants par tranche de 10 %',
    en: 'Score histogram: students per 10 % band',
  },
  histogramX: { fr: 'score (% des points évalués)', en: 'score (% of the graded points)' },
  histogramY: { fr: 'étudiants', en: 'students' },
  similar: { fr: 'Solutions similaires', en: 'Similar solutions' },
  similarNote: {
    fr: 'Un indice, jamais un verdict : des solutions partant du même squelette se ressemblent. Jaccard des 5-grammes de jetons normalisés.',
    en: 'A hint, never a verdict: solutions started from the same skeleton look alike. Jaccard index of normalised token 5-grams.',
  },
  noSimilar: { fr: 'Aucune paire au-dessus du seuil.', en: 'No pair above the threshold.' },
  notGradable: {
    fr: 'Non évaluables (infrastructure, pas l’étudiant)',
    en: 'Not gradable (infrastructure, not the student)',
  },
  rowProblems: { fr: 'Lignes non évaluées', en: 'Rows not graded' },
  student: { fr: 'Étudiant', en: 'Student' },
  total: { fr: 'Total', en: 'Total' },
  late: { fr: 'en retard', en: 'late' },
  commit: { fr: 'Commit', en: 'Commit' },
  check: { fr: 'Vérification', en: 'Check' },
  failed: { fr: 'Échecs', en: 'Failed' },
  hint: { fr: 'Notion du cours', en: 'Course notion' },
  pair: { fr: 'Paire', en: 'Pair' },
  similarity: { fr: 'Similarité', en: 'Similarity' },
  attempts: { fr: 'tentatives', en: 'attempts' },
  deadline: { fr: 'Date limite', en: 'Deadline' },
  penalty: { fr: 'pénalité de retard', en: 'late penalty' },
  notGradableCell: { fr: 'non évaluable (infrastructure)', en: 'not gradable (infrastructure)' },
  notGradedYet: { fr: 'pas encore évalué', en: 'not graded yet' },
  doesNotBuild: { fr: 'ne compile pas ou ne démarre pas', en: 'does not build or start' },
  backToDashboard: { fr: '← Tableau de bord de la promotion', en: '← Cohort dashboard' },
  studentNav: { fr: 'Navigation de la promotion', en: 'Cohort navigation' },
  otherReports: { fr: 'Ses rapports', en: 'Their reports' },
} satisfies Record<string, Record<Lang, string>>;

export type DashboardKey = keyof typeof DASHBOARD_TEXT;

export function dt(lang: Lang, key: DashboardKey): string {
  return DASHBOARD_TEXT[key][lang];
}

/** Heat-map cell states: the verdict statuses plus "no result yet". */
export type CellStatus = VerdictStatus | 'missing';

const STATUS_TEXT: Record<CellStatus, Record<Lang, string>> = {
  pass: { fr: 'réussi', en: 'pass' },
  fail: { fr: 'échoué', en: 'fail' },
  error: { fr: 'erreur (ne compile pas, ne démarre pas)', en: 'error (does not build or start)' },
  'not-gradable': { fr: 'non évaluable (infrastructure)', en: 'not gradable (infrastructure)' },
  skipped: { fr: 'non exécuté', en: 'skipped' },
  missing: { fr: 'pas de résultat', en: 'no result' },
};

export function cellStatusText(lang: Lang, s: CellStatus): string {
  return STATUS_TEXT[s][lang];
}

const FIELD_TEXT = {
  id: { fr: 'identifiant', en: 'student id' },
  name: { fr: 'nom affiché', en: 'display name' },
  solution: { fr: 'solution', en: 'solution' },
} as const;

/** A roster problem in the page's language; a problem without a known kind keeps its English message. */
export function rowProblemText(lang: Lang, p: RosterProblem): string {
  const d = p.problem;
  if (!d || lang === 'en') return p.message;
  const where = p.id && d.kind !== 'missing-fields' ? `ligne ${p.line} (${p.id})` : `ligne ${p.line}`;
  switch (d.kind) {
    case 'missing-fields':
      return `${where} : il manque ${d.fields.map((f) => FIELD_TEXT[f].fr).join(', ')} (attendu : identifiant, nom affiché, solution)`;
    case 'field-count':
      return `${where} : ${d.count} champs au lieu de 3 (identifiant, nom affiché, solution) ; mettez entre guillemets un champ qui contient une virgule`;
    case 'unsafe-id':
      return `${where} : l’identifiant ne peut contenir que des lettres, des chiffres, « . », « _ », « - », « @ » (il nomme le dossier de résultats de l’étudiant)`;
    case 'duplicate-id':
      return `${where} : identifiant en double (déjà vu ligne ${d.firstLine}) ; cette ligne n’est pas évaluée`;
    case 'source':
      return d.sourceKind === 'git-alias'
        ? `${where} : alias git non défini dans « ${d.text} » (passez --git-alias NOM=URL)`
        : d.sourceKind === 'git-repo'
          ? `${where} : dépôt git introuvable : ${d.text}`
          : `${where} : dossier de solution introuvable : ${d.text} (relatif au fichier de la promotion)`;
    case 'git-fetch':
      return `${where} : la source git ${d.text} n’a pas pu être récupérée : ${d.error}`;
    case 'empty':
      return 'le fichier de la promotion ne contient aucune ligne d’étudiant (attendu : identifiant, nom affiché, solution)';
    case 'header-column':
      return `ligne ${p.line} : la colonne « ${d.column} » de l’en-tête n’est ni « solution » ni un exercice (ex1, ex2…) ; elle est ignorée`;
    case 'no-solution':
      return `${where} : aucune solution pour ${d.exercise} (sa colonne est vide et la ligne n’a pas de colonne « solution ») ; ${d.exercise} n’est pas évalué pour cet étudiant`;
  }
}

/** Why a student's exercise has no result, from the roster problem that says it: a short mark, then in full. */
export function notGradedText(lang: Lang, p: RosterProblem): { short: string; detail: string } {
  const d = p.problem;
  const fr = lang === 'fr';
  let short: string;
  switch (d?.kind) {
    case 'source':
      short =
        d.sourceKind === 'folder'
          ? fr
            ? 'dossier absent'
            : 'folder missing'
          : d.sourceKind === 'git-repo'
            ? fr
              ? 'dépôt introuvable'
              : 'repository not found'
            : fr
              ? 'alias git inconnu'
              : 'unknown git alias';
      break;
    case 'git-fetch':
      short = fr ? 'récupération impossible' : 'fetch failed';
      break;
    case 'no-solution':
      short = fr ? 'pas de solution' : 'no solution';
      break;
    case 'missing-fields':
    case 'field-count':
    case 'unsafe-id':
      short = fr ? 'ligne invalide' : 'bad roster row';
      break;
    default:
      short = fr ? 'non évalué' : 'not graded';
  }
  return { short, detail: rowProblemText(lang, p) };
}

/**
 * An infrastructure problem of a retried run: the cohort's "attempt N: " prefix in the page's language; the
 * problem's own code and message are the engine's (English, as in its logs).
 */
export function attemptText(lang: Lang, problem: string): string {
  return lang === 'fr' ? problem.replace(/^attempt (\d+): /, 'tentative $1 : ') : problem;
}

/** A number as the page's language writes it (decimal comma in French). */
export function num(lang: Lang, v: number): string {
  return v.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 });
}

/** An ISO timestamp as a reader of the page's language writes it, in UTC (said so). */
export function dateTime(lang: Lang, iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const s = d.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'UTC',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return `${s} UTC`;
}

/** The gradebook's notes column. */
export const GRADEBOOK_NOTE = {
  notGradable: (lang: Lang, ex: string) =>
    lang === 'fr' ? `${ex} non évaluable (infrastructure)` : `${ex} not gradable (infrastructure)`,
  missing: (lang: Lang, ex: string) => (lang === 'fr' ? `${ex} pas encore évalué` : `${ex} not graded yet`),
  errored: (lang: Lang, ex: string) =>
    lang === 'fr' ? `${ex} ne compile pas ou ne démarre pas` : `${ex} does not build or start`,
  late: (lang: Lang, pct: number, raw: number) =>
    lang === 'fr' ? `en retard : -${pct} % (total brut ${raw})` : `late: -${pct}% (raw total ${raw})`,
  rosterProblem: (lang: Lang, text: string) =>
    lang === 'fr' ? `ligne de la promotion non évaluée : ${text}` : `roster row not graded: ${text}`,
};
