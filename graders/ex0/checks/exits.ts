import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { EX0_RULES } from '../contract.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import { closeFix } from '../client-fixes.js';
import type { Ex0Prepared } from '../observations.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface ExitObs {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  flooded: boolean;
  durationMs: number;
  limitMs: number;
  stderrTail: string;
  /** The work the exit crowns: records the graded topic holds, records the program printed. */
  topic: string;
  recordsOnTopic: number;
  printedRecords: number;
  /** The Kafka clients the solution's dependency files declare. */
  clients?: DetectedClient[];
}

export function judgeExit(o: ExitObs): Judgement {
  const data = { ...o };
  const s = (o.durationMs / 1000).toFixed(1);
  const limit = o.limitMs / 1000;
  if (o.flooded) {
    return fail(
      {
        fr: `Le programme a inondé sa sortie et a été arrêté après ${s} s.`,
        en: `The program flooded its output and was stopped after ${s} s.`,
      },
      data,
    );
  }
  if (o.timedOut) {
    const fix = closeFix(o.clients);
    return fail(
      {
        fr: `Le programme tournait encore après ${limit} s et a été arrêté : il doit se terminer seul (fermer le consommateur après 20 messages ou une inactivité).${fix ? ` ${fix.fr}` : ''}`,
        en: `The program was still running after ${limit} s and was stopped: it must end by itself (close the consumer after 20 records or a quiet period).${fix ? ` ${fix.en}` : ''}`,
      },
      data,
    );
  }
  if (o.code !== 0) {
    return fail(
      {
        fr: `Le programme s'est terminé avec le code ${o.code ?? o.signal} après ${s} s (voir la fin de stderr).`,
        en: `The program ended with code ${o.code ?? o.signal} after ${s} s (see the end of stderr).`,
      },
      data,
    );
  }
  if (o.recordsOnTopic === 0 && o.printedRecords === 0) {
    return fail(
      {
        fr: `Le programme s'est terminé avec le code 0 en ${s} s, mais le topic « ${o.topic} » ne contient aucun message et le programme n'en a affiché aucun : une sortie propre sans le travail ne prouve rien.`,
        en: `The program ended with code 0 in ${s} s, but topic "${o.topic}" holds no record and the program printed none: a clean exit without the work proves nothing.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Le programme s'est terminé seul, code 0, en ${s} s.`,
      en: `The program ended by itself, code 0, in ${s} s.`,
    },
    data,
  );
}

export const exits: CheckDefinition<Ex0Prepared, ExitObs> = {
  id: 'exits',
  title: { fr: 'Le programme se termine proprement', en: 'The program ends cleanly' },
  points: 1,
  hint: {
    fr: 'Fermez producteur et consommateur (close/disconnect) pour que le programme se termine, avec le code 0, dans la limite de temps.',
    en: 'Close the producer and the consumer (close/disconnect) so that the program ends, with code 0, within the time limit.',
  },
  async observe(ctx, prepared) {
    const s = await prepared.snapshot();
    return {
      ...prepared.exit,
      limitMs: EX0_RULES.timeLimitMs,
      stderrTail: prepared.stderrTail,
      topic: s.topic,
      recordsOnTopic: s.records.length,
      printedRecords: prepared.printed.length,
      clients: solutionKafkaClients(ctx.solution.dir),
    };
  },
  judge: judgeExit,
};
