/**
 * Fixed wording of every report, in French (default) and English.
 * Grader-supplied text (titles, evidence, hints) is already localized in the result itself.
 */
import type { Lang, VerdictStatus } from '../model/verdict.js';

export type { Lang };

const fr = {
  exercise: 'Exercice',
  score: 'Score',
  seed: 'Graine',
  replay: 'Rejouer',
  duration: 'Durée',
  startedAt: 'Lancé le',
  solution: 'Solution',
  stack: 'Pile Kafka',
  provider: 'Fournisseur',
  brokers: 'Brokers',
  kafkaVersion: 'Version de Kafka',
  services: 'Services',
  summary: 'Résumé',
  checks: 'Vérifications',
  check: 'Vérification',
  status: 'Statut',
  points: 'Points',
  title: 'Intitulé',
  evidence: 'Constat',
  data: 'Données',
  hint: 'Indice',
  reason: 'Raison',
  rootCause: 'Cause première',
  lastOutput: 'Dernières lignes de sa sortie',
  sameCrash: '(même arrêt que plus haut)',
  problems: 'Problèmes d’infrastructure',
  notes: 'Remarques tirées de vos fichiers (non notées)',
  noProblems: 'Aucun problème d’infrastructure.',
  logs: 'Journaux de la solution',
  noLogs: 'Aucun journal.',
  phase: 'Phase',
  exitCode: 'code de sortie',
  signal: 'signal',
  truncated: 'tronqué',
  stdout: 'Sortie standard',
  stderr: 'Sortie d’erreur',
  empty: '(vide)',
  charts: 'Graphiques',
  reportTitle: 'Rapport de correction',
  notGradable: 'Correction impossible : l’infrastructure a échoué, la note n’est pas significative.',
  noChecks: 'Aucune vérification exécutée.',
  status_pass: 'réussi',
  status_fail: 'échoué',
  status_error: 'erreur',
  'status_not-gradable': 'non notable',
  status_skipped: 'ignoré',
} as const;

export type MessageKey = keyof typeof fr;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  exercise: 'Exercise',
  score: 'Score',
  seed: 'Seed',
  replay: 'Replay',
  duration: 'Duration',
  startedAt: 'Started at',
  solution: 'Solution',
  stack: 'Kafka stack',
  provider: 'Provider',
  brokers: 'Brokers',
  kafkaVersion: 'Kafka version',
  services: 'Services',
  summary: 'Summary',
  checks: 'Checks',
  check: 'Check',
  status: 'Status',
  points: 'Points',
  title: 'Title',
  evidence: 'Evidence',
  data: 'Data',
  hint: 'Hint',
  reason: 'Reason',
  rootCause: 'Root cause',
  lastOutput: 'Last lines of its output',
  sameCrash: '(same crash as above)',
  problems: 'Infrastructure problems',
  notes: 'Notes read from your files (not scored)',
  noProblems: 'No infrastructure problem.',
  logs: 'Solution logs',
  noLogs: 'No logs.',
  phase: 'Phase',
  exitCode: 'exit code',
  signal: 'signal',
  truncated: 'truncated',
  stdout: 'Standard output',
  stderr: 'Standard error',
  empty: '(empty)',
  charts: 'Charts',
  reportTitle: 'Grading report',
  notGradable: 'Could not grade: the infrastructure failed, the score is not meaningful.',
  noChecks: 'No check was run.',
  status_pass: 'pass',
  status_fail: 'fail',
  status_error: 'error',
  'status_not-gradable': 'not gradable',
  status_skipped: 'skipped',
};

export const MESSAGES: Record<Lang, Messages> = { fr, en };

export function t(lang: Lang, key: MessageKey): string {
  return MESSAGES[lang][key];
}

export function statusLabel(lang: Lang, status: VerdictStatus): string {
  return MESSAGES[lang][`status_${status}`];
}

/** "Indice :" in French (space before the colon), "Hint:" in English. */
export function label(lang: Lang, key: MessageKey): string {
  return lang === 'fr' ? `${t(lang, key)} :` : `${t(lang, key)}:`;
}
