import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { subjectVersion, subjectVersions } from '../../../kit/registry/registry-http.js';
import type { ExitInfo } from '../../../runner/solution-process.js';
import { sharedRun, type Ex5Prepared } from '../prepare.js';
import { describeFields, isNews, isOptionalTest, recordShape } from '../schemas.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface OptionalObs {
  subject: string;
  v1: { status: number; isNews: boolean };
  /** The subject's versions before produce-v2 ran. */
  versionsBefore?: number[];
  versions: { status: number; versions: number[]; text: string };
  v2: { status: number; id?: number; schema?: string };
  exit: ExitInfo;
  lastLines: string[];
}

export function judgeOptionalAccepted(o: OptionalObs): Judgement {
  const data = { ...o };
  if (o.v1.status !== 200 || !o.v1.isNews) {
    return fail(
      {
        fr: `Pas de version 1 News sous « ${o.subject} » (${o.v1.status}) : pas d'évolution à juger.`,
        en: `No News version 1 under "${o.subject}" (${o.v1.status}): no evolution to judge.`,
      },
      data,
    );
  }
  const vs = o.versions.versions;
  if (vs.length === 1) {
    return fail(
      {
        fr: `Après produce-v2, « ${o.subject} » ne contient que la version 1 (code de sortie ${o.exit.code} ; dernières lignes : ${o.lastLines.join(' | ') || '(aucune)'}).`,
        en: `After produce-v2, "${o.subject}" holds version 1 only (exit code ${o.exit.code}; last lines: ${o.lastLines.join(' | ') || '(none)'}).`,
      },
      data,
    );
  }
  if (vs.length !== 2 || vs[0] !== 1 || vs[1] !== 2) {
    const b = o.versionsBefore;
    const whence = b
      ? { fr: ` (avant produce-v2 : [${b.join(', ')}])`, en: ` (before produce-v2: [${b.join(', ')}])` }
      : { fr: '', en: '' };
    return fail(
      {
        fr: `Après produce-v2, « ${o.subject} » contient les versions [${vs.join(', ')}]${whence.fr} ; attendu exactement [1, 2].`,
        en: `After produce-v2, "${o.subject}" holds versions [${vs.join(', ')}]${whence.en}; expected exactly [1, 2].`,
      },
      data,
    );
  }
  const shape = recordShape(o.v2.schema);
  if (!isNews(shape) || !isOptionalTest(shape?.fields.find((f) => f.name === 'test'))) {
    return fail(
      {
        fr: `La version 2 n'est pas News avec un champ test optionnel (["null","string"], défaut null) : ${describeFields(shape)}.`,
        en: `Version 2 is not News with an optional test field (["null","string"], default null): ${describeFields(shape)}.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Le champ test optionnel (défaut null) est accepté : « ${o.subject} » contient exactement les versions [1, 2] (id ${o.v2.id}).`,
      en: `The optional test field (default null) is accepted: "${o.subject}" holds exactly versions [1, 2] (id ${o.v2.id}).`,
    },
    data,
  );
}

export const optionalFieldAccepted: CheckDefinition<Ex5Prepared, OptionalObs> = {
  id: 'optional-field-accepted',
  title: {
    fr: 'Le champ optionnel avec défaut devient la version 2',
    en: 'The optional field with a default becomes version 2',
  },
  points: 2,
  hint: {
    fr: 'Étapes 5-6 : `test: Option[String] = None` en Avro est ["null","string"] avec "default": null ; les anciennes données se lisent alors avec null, le registre accepte la version 2.',
    en: 'Steps 5-6: `test: Option[String] = None` is ["null","string"] with "default": null in Avro; old data then reads as null, and the registry accepts version 2.',
  },
  async observe(ctx, p) {
    const v1 = await subjectVersion(p.registryUrl, p.subject, 1);
    const versionsBefore = p.runs.v2 ? undefined : (await subjectVersions(p.registryUrl, p.subject)).versions;
    const w = await sharedRun(ctx, p, 'v2');
    const v2 = await subjectVersion(p.registryUrl, p.subject, 2);
    return {
      subject: p.subject,
      v1: { status: v1.status, isNews: isNews(recordShape(v1.schema)) },
      ...(versionsBefore ? { versionsBefore } : {}),
      versions: await subjectVersions(p.registryUrl, p.subject),
      v2: {
        status: v2.status,
        ...(v2.id !== undefined ? { id: v2.id } : {}),
        ...(v2.schema ? { schema: v2.schema } : {}),
      },
      exit: w.run.exit,
      lastLines: [...w.run.stdoutLines.slice(-2)],
    };
  },
  judge: judgeOptionalAccepted,
};
