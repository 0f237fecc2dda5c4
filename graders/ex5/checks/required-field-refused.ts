import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import {
  subjectCompatibility,
  subjectVersion,
  subjectVersions,
  testCompatibility,
} from '../../../kit/registry/registry-http.js';
import type { ExitInfo } from '../../../runner/solution-process.js';
import { EX5_RULES } from '../contract.js';
import { outcomeLine, type OutcomeLine } from '../outcome-line.js';
import { sharedRun, type Ex5Prepared } from '../prepare.js';
import { isNews, recordShape, withRequiredTest } from '../schemas.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface RequiredObs {
  subject: string;
  /** Version 1 before the role ran: the success path the refusal builds on. */
  v1: { status: number; isNews: boolean; text: string };
  /** The subject's versions before the role ran (produce-v1 may have left more than one). */
  versionsBefore?: { status: number; versions: number[]; text: string };
  versionsAfter: { status: number; versions: number[]; text: string };
  /** Records the role wrote to the topic. */
  recordsWritten: number;
  /** The subject's own level after the role (GET /config/{subject}). */
  held: { status: number; level?: string; text: string };
  /** The grader's own question to the registry: is version 1 plus a required `test` compatible? */
  probe: { status: number; compatible?: boolean; text: string };
  line?: OutcomeLine;
  exit: ExitInfo;
  lastLines: string[];
}

export function judgeRequiredRefused(o: RequiredObs): Judgement {
  const data = { ...o };
  if (o.v1.status !== 200 || !o.v1.isNews) {
    return fail(
      {
        fr: `Pas de version 1 News sous « ${o.subject} » (${o.v1.status} ${o.v1.text}) : un refus ne compte qu'après un premier enregistrement réussi.`,
        en: `No News version 1 under "${o.subject}" (${o.v1.status} ${o.v1.text}): a refusal counts only after a first registration succeeded.`,
      },
      data,
    );
  }
  const before = o.versionsBefore?.versions ?? [1];
  const added = o.versionsAfter.versions.filter((v) => !before.includes(v));
  if (added.length) {
    const said = o.line ? JSON.stringify(o.line) : undefined;
    return fail(
      {
        fr: `Pendant produce-v2-required, « ${o.subject} » est passé des versions [${before.join(', ')}] à [${o.versionsAfter.versions.join(', ')}] : le changement a été enregistré${said ? ` (le programme a écrit ${said})` : ''} ; un champ test obligatoire (sans défaut) doit être refusé.`,
        en: `During produce-v2-required, "${o.subject}" went from versions [${before.join(', ')}] to [${o.versionsAfter.versions.join(', ')}]: the change was registered${said ? ` (the program printed ${said})` : ''}; a required test field (no default) must be refused.`,
      },
      data,
    );
  }
  if (o.recordsWritten > 0) {
    return fail(
      {
        fr: `produce-v2-required a écrit ${o.recordsWritten} message(s) alors qu'aucune version n'a été ajoutée au sujet.`,
        en: `produce-v2-required wrote ${o.recordsWritten} record(s) although no version was added to the subject.`,
      },
      data,
    );
  }
  if (o.held.level !== EX5_RULES.compatibility) {
    return fail(
      {
        fr: `Le sujet « ${o.subject} » a le niveau de compatibilité ${o.held.level ?? '(aucun)'} (GET /config → ${o.held.status} ${o.held.text}), pas ${EX5_RULES.compatibility} : ce n'est pas sa règle qui refuse le changement.`,
        en: `Subject "${o.subject}" holds compatibility level ${o.held.level ?? '(none)'} (GET /config -> ${o.held.status} ${o.held.text}), not ${EX5_RULES.compatibility}: the refusal is not its rule's.`,
      },
      data,
    );
  }
  if (o.probe.compatible !== false) {
    return fail(
      {
        fr: `Le registre juge compatible un champ test obligatoire ajouté à la version 1 (${o.probe.status} ${o.probe.text}).`,
        en: `The registry finds a required test field added to version 1 compatible (${o.probe.status} ${o.probe.text}).`,
      },
      data,
    );
  }
  if (o.line?.outcome !== 'refused' || o.line.status !== 409) {
    const seen = o.line
      ? JSON.stringify(o.line)
      : `no outcome line; last lines: ${o.lastLines.slice(-2).join(' | ') || '(none)'}`;
    return fail(
      {
        fr: `Le programme n'a pas signalé le refus du registre (attendu {"outcome":"refused","status":409,...}) : ${seen} (code de sortie ${o.exit.code}).`,
        en: `The program did not report the registry's refusal (expected {"outcome":"refused","status":409,...}): ${seen} (exit code ${o.exit.code}).`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Le champ test obligatoire est refusé (409), « ${o.subject} » contient toujours les versions [${o.versionsAfter.versions.join(', ')}] seulement, rien n'a été écrit, et le programme l'a signalé.`,
      en: `The required test field is refused (409), "${o.subject}" still holds versions [${o.versionsAfter.versions.join(', ')}] only, nothing was written, and the program reported it.`,
    },
    data,
  );
}

export const requiredFieldRefused: CheckDefinition<Ex5Prepared, RequiredObs> = {
  id: 'required-field-refused',
  title: {
    fr: 'Un champ obligatoire ajouté est refusé (BACKWARD)',
    en: 'A required field added is refused (BACKWARD)',
  },
  points: 3,
  hint: {
    fr: "Étapes 3-4 : avec la compatibilité BACKWARD, un nouveau lecteur doit lire les anciennes données ; un champ test sans valeur par défaut ne peut pas être rempli pour elles, le registre refuse (409). Attrapez l'erreur et signalez-la.",
    en: 'Steps 3-4: under BACKWARD compatibility a new reader must read old data; a test field without a default cannot be filled for them, so the registry refuses (409). Catch the error and report it.',
  },
  async observe(ctx, p) {
    const before = await subjectVersion(p.registryUrl, p.subject, 1);
    const versionsBefore = await subjectVersions(p.registryUrl, p.subject);
    const w = await sharedRun(ctx, p, 'required');
    const written = Object.entries(w.to).reduce((s, [part, end]) => s + end - (w.from[Number(part)] ?? 0), 0);
    const probeSchema = before.schema ? withRequiredTest(before.schema) : undefined;
    return {
      subject: p.subject,
      v1: { status: before.status, isNews: isNews(recordShape(before.schema)), text: before.text },
      versionsBefore,
      versionsAfter: await subjectVersions(p.registryUrl, p.subject),
      recordsWritten: written,
      held: await subjectCompatibility(p.registryUrl, p.subject),
      probe: probeSchema
        ? await testCompatibility(p.registryUrl, p.subject, probeSchema)
        : { status: 0, text: 'no version 1 to change' },
      line: outcomeLine(w.run.stdoutLines),
      exit: w.run.exit,
      lastLines: w.run.stdoutLines.slice(-3),
    };
  },
  judge: judgeRequiredRefused,
};
