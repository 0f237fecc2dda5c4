/**
 * `kgrade scenario run`: ex9's produce role played under any fault schedule (the course's "what happens if the
 * leader dies?" as an experiment a student runs on their own producer). One check, scored like a verdict (no
 * acknowledged record lost, none written twice) but shown as what happened: the faults and when, what the
 * producer was told, what the brokers hold.
 */
import { createRng } from '../../core/rng.js';
import type { CheckDefinition, ExerciseDefinition, Judgement } from '../../engine/exercise.js';
import { fail, pass } from '../../kit/judging/judgement.js';
import type { FaultScenario } from '../../kit/faults/faults.js';
import { produceUnderFault, type ProduceUnderFault } from './produce-run.js';
import { ex9 } from './ex9.js';
import type { Ex9Prepared } from './prepare.js';
import { deliveryChart, faultsChart } from '../../kit/judging/charts.js';

export type ExperimentData = {
  scenario: string;
  description: string;
  timeline: ProduceUnderFault['timeline'];
  writes: ProduceUnderFault['report']['writes'];
  held: number;
  lost: string[];
  lostCount: number;
  duplicates: string[];
  duplicateCount: number;
  reorderedCount: number;
  presentThoughFailedCount: number;
  unknownPresent: number;
  unknownMissing: number;
  exit: ProduceUnderFault['exit'];
};

/** What the run showed, as plain data the console prints (pure). */
export function experimentData(s: FaultScenario, o: ProduceUnderFault): ExperimentData {
  const r = o.report;
  return {
    scenario: s.name,
    description: s.description,
    timeline: o.timeline,
    writes: r.writes,
    held: r.observedRecords,
    lost: r.lost.slice(0, 10).map((l) => l.id),
    lostCount: r.lost.length,
    duplicates: r.duplicates.slice(0, 10).map((d) => d.id),
    duplicateCount: r.duplicates.length,
    reorderedCount: r.reordered.length,
    presentThoughFailedCount: r.presentThoughFailed.length,
    unknownPresent: r.unknownPresent,
    unknownMissing: r.unknownMissing,
    exit: o.exit,
  };
}

export function judgeExperiment(s: FaultScenario, o: ProduceUnderFault): Judgement {
  const d = experimentData(s, o);
  const w = `${d.writes.acked} acknowledged, ${d.writes.failed} failed, ${d.writes.unknown} without an outcome`;
  const wFr = `${d.writes.acked} confirmés, ${d.writes.failed} en échec, ${d.writes.unknown} sans réponse`;
  const charts = [
    deliveryChart({ ...d.writes, lost: d.lostCount, duplicates: d.duplicateCount }, [
      'writes',
      'lostCount',
      'duplicateCount',
    ]),
    ...faultsChart(d.timeline, ['timeline']),
  ];
  if (d.writes.acked === 0)
    return fail(
      {
        fr: `Le rôle produce n'a confirmé aucun envoi (${wFr}) : rien à comparer.`,
        en: `The produce role acknowledged no send (${w}): nothing to compare.`,
      },
      d,
      { charts },
    );
  const ok = d.lostCount === 0 && d.duplicateCount === 0;
  return (ok ? pass : fail)(
    {
      fr: `${wFr} ; les brokers en gardent ${d.held} : ${d.lostCount} confirmé(s) perdu(s), ${d.duplicateCount} en double.`,
      en: `${w}; the brokers hold ${d.held}: ${d.lostCount} acknowledged lost, ${d.duplicateCount} duplicated.`,
    },
    d,
    { charts },
  );
}

/** ex9 reduced to one check: its produce role under `schedule`, on the partition 0 of its main topic. */
export function ex9UnderSchedule(schedule: FaultScenario): ExerciseDefinition<Ex9Prepared> {
  const check: CheckDefinition<Ex9Prepared, ProduceUnderFault> = {
    id: `scenario-${schedule.name}`,
    title: {
      fr: `Sous « ${schedule.name} » : ni perte ni doublon`,
      en: `Under "${schedule.name}": no loss, no duplicate`,
    },
    points: 1,
    hint: {
      fr: 'Cours 004, question 3 : acks=all + min.insync.replicas=2 pour ne rien perdre, idempotence pour ne rien écrire deux fois.',
      en: 'Course 004, question 3: acks=all + min.insync.replicas=2 to lose nothing, idempotence to write nothing twice.',
    },
    needs: { faults: true, brokerControl: schedule.needsBrokerControl },
    observe: (ctx) =>
      produceUnderFault(
        ctx,
        schedule.name,
        schedule.steps(createRng(ctx.seed), { topic: ctx.names.topics.main!, partition: 0 }),
      ),
    judge: (o) => judgeExperiment(schedule, o),
  };
  return { ...ex9, checks: [check] };
}
