import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { fail, pass } from '../../../kit/judging/judgement.js';
import { EX3_RULES } from '../contract.js';
import type { Ex3Prepared } from '../prepare.js';

type Assignment = { id: string; partitions: number[] }[];

export interface RebalanceObs {
  group: string;
  before: Assignment;
  /** With the second instance running (undefined: the group never got 2 members with partitions). */
  withTwo?: Assignment;
  /** From the second instance's launch (its start-up included) to the split assignment. */
  joinMs?: number;
  /** After the second instance stopped. */
  afterLeave?: Assignment;
  leaveMs?: number;
  generalPartitions: number[];
}

const covers = (a: Assignment, parts: number[]) => parts.every((p) => a.some((m) => m.partitions.includes(p)));
const show = (a?: Assignment) => (a ? a.map((m) => `[${m.partitions.join(',')}]`).join(' + ') : '—');

export function judgeRebalance(o: RebalanceObs): Judgement {
  const data = { ...o };
  if (!o.withTwo) {
    return fail(
      {
        fr: `Une seconde instance démarrée, le groupe « ${o.group} » n'a pas réparti ses partitions entre deux membres (avant : ${show(o.before)}).`,
        en: `With a second instance started, group "${o.group}" did not split its partitions between two members (before: ${show(o.before)}).`,
      },
      data,
    );
  }
  if (!o.afterLeave) {
    return fail(
      {
        fr: `Après l'arrêt de la seconde instance, ses partitions ne sont pas revenues à la première (avec deux : ${show(o.withTwo)}).`,
        en: `After the second instance stopped, its partitions did not go back to the first (with two: ${show(o.withTwo)}).`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Rééquilibrage mesuré : ${show(o.before)} → ${show(o.withTwo)} en ${((o.joinMs ?? 0) / 1000).toFixed(1)} s après le lancement d'une seconde instance (son démarrage compris), → ${show(o.afterLeave)} en ${((o.leaveMs ?? 0) / 1000).toFixed(1)} s à son départ.`,
      en: `Rebalance measured: ${show(o.before)} → ${show(o.withTwo)} ${((o.joinMs ?? 0) / 1000).toFixed(1)} s after a second instance was launched (its start-up included), → ${show(o.afterLeave)} in ${((o.leaveMs ?? 0) / 1000).toFixed(1)} s when it left.`,
    },
    data,
  );
}

export const generalRebalance: CheckDefinition<Ex3Prepared, RebalanceObs> = {
  id: 'general-rebalance',
  title: { fr: 'subscribe : le groupe général se rééquilibre', en: 'subscribe: the general group rebalances' },
  points: 2,
  hint: {
    fr: "Cours, subscribe : Kafka réorganise automatiquement les partitions entre les consommateurs actifs d'un groupe quand un membre arrive ou part.",
    en: "Course, subscribe: Kafka automatically reorganises partitions among a group's active consumers when a member joins or leaves.",
  },
  async observe(_ctx, prepared) {
    const { app } = prepared;
    await prepared.warmup();
    const group = app.groups.general;
    const parts = app.generalPartitions;
    const assignment = async () => (await app.members(group)).members.filter((m) => m.partitions.length > 0);
    const before = await assignment();
    // The bound runs from `t`; the time reported runs from `from` (a launch, when earlier than t).
    const until = async (ok: (a: Assignment) => boolean, from = performance.now()) => {
      const t = performance.now();
      while (performance.now() - t < EX3_RULES.rebalanceBoundMs) {
        const a = await assignment();
        if (ok(a)) return { a, ms: Math.round(performance.now() - from) };
        await new Promise((r) => setTimeout(r, 250));
      }
      return undefined;
    };
    // Its ready line may come only once the group has rebalanced: time the join from the launch.
    const launchedAt = performance.now();
    const second = await app.startInstance('app (second instance)');
    const two = await until((a) => a.length >= 2 && covers(a, parts), launchedAt);
    await second.stop(10_000);
    const one = two ? await until((a) => a.length === 1 && covers(a, parts)) : undefined;
    return {
      group,
      before,
      withTwo: two?.a,
      joinMs: two?.ms,
      afterLeave: one?.a,
      leaveMs: one?.ms,
      generalPartitions: parts,
    };
  },
  judge: judgeRebalance,
};
