import { settingFix } from '../../../kit/solution/client-settings.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { EX8_RULES } from '../contract.js';
import { median, type Ex8Prepared } from '../observations.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface SpeedupObs {
  expected: number;
  /** Broker-timed span of each run, ms (LogAppendTime of the last batch - of the first). */
  studentSpansMs: number[];
  baselineSpansMs: number[];
  studentComplete: boolean;
  /** Records each student run left on its topic. */
  studentRecords?: number[];
  minSpeedup: number;
  /** The Kafka clients the solution's dependency files declare (the fix is given in their terms). */
  clients?: DetectedClient[];
}

/** The broker's clock ticks in ms: a span under 1 ms counts as 1 ms. */
const FLOOR_MS = 1;

export function judgeSpeedup(o: SpeedupObs): Judgement {
  const st = median(o.studentSpansMs);
  const nb = median(o.baselineSpansMs);
  const speedup = nb / Math.max(FLOOR_MS, st);
  const data = { ...o, medianStudentSpanMs: st, medianBaselineSpanMs: nb, speedup: Math.round(speedup * 10) / 10 };
  if (!o.studentComplete) {
    const written = o.studentRecords
      ? {
          fr: ` (enregistrements écrits : ${o.studentRecords.join(', ')} sur ${o.expected})`,
          en: ` (records written: ${o.studentRecords.join(', ')} of ${o.expected})`,
        }
      : { fr: '', en: '' };
    return fail(
      {
        fr: `Vitesse non mesurable : les exécutions de « produce » n'ont pas toutes écrit tous les enregistrements${written.fr}.`,
        en: `Speed not measurable: the "produce" runs did not all write every record${written.en}.`,
      },
      data,
    );
  }
  const figures = {
    fr: `${o.expected} enregistrements en ${Math.round(st)} ms (médiane) contre ${Math.round(nb)} ms pour un envoi suivi de flush() à chaque message : ×${data.speedup}`,
    en: `${o.expected} records in ${Math.round(st)} ms (median) against ${Math.round(nb)} ms when flushing after every record: ${data.speedup}x`,
  };
  if (speedup < o.minSpeedup) {
    const fix = settingFix('batching', o.clients);
    return fail(
      {
        fr: `${figures.fr}, moins que ×${o.minSpeedup} attendu.${fix.fr}`,
        en: `${figures.en}, below the ${o.minSpeedup}x expected.${fix.en}`,
      },
      data,
    );
  }
  return pass({ fr: `${figures.fr}.`, en: `${figures.en}.` }, data);
}

export const batchingSpeedup: CheckDefinition<Ex8Prepared, SpeedupObs> = {
  id: 'batching-speedup',
  title: {
    fr: 'Q1 : plus de flush() par message, les envois sont groupés (batching)',
    en: 'Q1: no flush() per record, sends are batched',
  },
  points: 4,
  hint: {
    fr: "TP producteur Q1 : flush() après chaque send() attend l'aller-retour du broker pour chaque message. Envoyez tout puis un seul flush() à la fin, et laissez le producteur grouper (batch.size, linger.ms).",
    en: 'Producer lab Q1: flush() after every send() waits for a broker round trip per record. Send everything, flush once at the end, and let the producer batch (batch.size, linger.ms).',
  },
  async observe(ctx, p) {
    return {
      expected: p.expectedRecords,
      studentSpansMs: p.student.map((r) => r.spanMs),
      baselineSpansMs: p.baseline.map((r) => r.spanMs),
      studentComplete: p.student.every((r) => r.records === p.expectedRecords),
      studentRecords: p.student.map((r) => r.records),
      minSpeedup: EX8_RULES.minSpeedup,
      clients: solutionKafkaClients(ctx.solution.dir),
    };
  },
  judge: judgeSpeedup,
};
