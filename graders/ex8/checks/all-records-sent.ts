import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import type { Ex8Prepared, ProduceMeasure } from '../observations.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface AllSentObs {
  expected: number;
  runs: Pick<ProduceMeasure, 'topic' | 'records' | 'exitCode' | 'timedOut' | 'wallMs'>[];
}

export function judgeAllSent(o: AllSentObs): Judgement {
  const bad = o.runs.filter((r) => r.records !== o.expected || r.exitCode !== 0 || r.timedOut);
  const data = { ...o };
  if (bad.length) {
    const b = bad[0]!;
    const why = b.timedOut
      ? { fr: "ne s'est pas terminé à temps", en: 'did not finish in time' }
      : b.exitCode !== 0
        ? { fr: `s'est terminé avec le code ${b.exitCode}`, en: `exited with code ${b.exitCode}` }
        : { fr: 'a terminé', en: 'finished' };
    return fail(
      {
        fr: `${bad.length} exécution(s) sur ${o.runs.length} de « produce » incomplète(s) : l'une ${why.fr} avec ${b.records} enregistrement(s) sur ${o.expected} dans le topic.`,
        en: `${bad.length} of ${o.runs.length} "produce" run(s) incomplete: one ${why.en} with ${b.records} of ${o.expected} records on the topic.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Les ${o.runs.length} exécutions ont écrit les ${o.expected} enregistrements et se sont terminées.`,
      en: `All ${o.runs.length} runs wrote the ${o.expected} records and exited.`,
    },
    data,
  );
}

export const allRecordsSent: CheckDefinition<Ex8Prepared, AllSentObs> = {
  id: 'all-records-sent',
  title: { fr: 'Tous les enregistrements sont envoyés et acquittés', en: 'Every record is sent and acknowledged' },
  points: 1,
  hint: {
    fr: 'Le rôle « produce » doit envoyer chaque ligne de KGRADE_RECORDS_FILE vers KGRADE_TOPIC, puis appeler flush()/disconnect() avant de quitter : un envoi asynchrone non attendu est perdu à la sortie.',
    en: 'The "produce" role must send every line of KGRADE_RECORDS_FILE to KGRADE_TOPIC, then flush()/disconnect() before exiting: an asynchronous send nobody waits for is lost at exit.',
  },
  async observe(_ctx, p) {
    return {
      expected: p.expectedRecords,
      runs: p.student.map(({ topic, records, exitCode, timedOut, wallMs }) => ({
        topic,
        records,
        exitCode,
        timedOut,
        wallMs,
      })),
    };
  },
  judge: judgeAllSent,
};
