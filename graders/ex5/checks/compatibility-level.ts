import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { subjectCompatibility, subjectVersion } from '../../../kit/registry/registry-http.js';
import { EX5_RULES } from '../contract.js';
import { outcomeLine } from '../outcome-line.js';
import { sharedRun, type Ex5Prepared } from '../prepare.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface CompatibilityObs {
  subject: string;
  v1Status: number;
  /** GET /config/{subject}: the subject's own level. */
  held: { status: number; level?: string; text: string };
  /** The level produce-v2-required reported with its outcome. */
  claimed?: string;
}

export function judgeCompatibility(o: CompatibilityObs): Judgement {
  const data = { ...o };
  if (o.v1Status !== 200)
    return fail(
      {
        fr: `Le sujet « ${o.subject} » n'a pas de version 1 (${o.v1Status}) : pas de niveau de compatibilité à juger.`,
        en: `Subject "${o.subject}" holds no version 1 (${o.v1Status}): no compatibility level to judge.`,
      },
      data,
    );
  if (o.held.level !== EX5_RULES.compatibility) {
    return fail(
      {
        fr: `Le registre donne au sujet « ${o.subject} » le niveau ${o.held.level ?? '(aucun)'} (GET /config/${o.subject} → ${o.held.status} ${o.held.text}) ; le contrat demande ${EX5_RULES.compatibility}, fixé sur le sujet.`,
        en: `The registry holds level ${o.held.level ?? '(none)'} for subject "${o.subject}" (GET /config/${o.subject} -> ${o.held.status} ${o.held.text}); the contract asks for ${EX5_RULES.compatibility}, set on the subject.`,
      },
      data,
    );
  }
  if (o.claimed !== o.held.level) {
    return fail(
      {
        fr: `Le programme annonce le niveau ${o.claimed ?? '(rien)'} mais le registre tient ${o.held.level} pour « ${o.subject} ».`,
        en: `The program reports level ${o.claimed ?? '(nothing)'} but the registry holds ${o.held.level} for "${o.subject}".`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `« ${o.subject} » est en ${o.held.level}, comme le programme l'annonce.`,
      en: `"${o.subject}" holds ${o.held.level}, as the program reports.`,
    },
    data,
  );
}

export const compatibilityLevel: CheckDefinition<Ex5Prepared, CompatibilityObs> = {
  id: 'compatibility-level',
  title: {
    fr: 'Le niveau de compatibilité annoncé est celui du registre',
    en: 'The compatibility level reported is the one the registry holds',
  },
  points: 1,
  hint: {
    fr: 'Question 4 « Pourquoi ? » : la règle de compatibilité du sujet (PUT /config/<sujet>, BACKWARD) explique le refus ; lisez-la (GET /config/<sujet>) plutôt que de la supposer, et ne la passez pas à NONE pour forcer un changement.',
    en: 'Question 4 "Why?": the subject\'s compatibility rule (PUT /config/<subject>, BACKWARD) explains the refusal; read it (GET /config/<subject>) instead of assuming it, and do not set it to NONE to force a change through.',
  },
  async observe(ctx, p) {
    const w = await sharedRun(ctx, p, 'required');
    const v1 = await subjectVersion(p.registryUrl, p.subject, 1);
    const line = outcomeLine(w.run.stdoutLines);
    return {
      subject: p.subject,
      v1Status: v1.status,
      held: await subjectCompatibility(p.registryUrl, p.subject),
      ...(line?.compatibility ? { claimed: line.compatibility } : {}),
    };
  },
  judge: judgeCompatibility,
};
