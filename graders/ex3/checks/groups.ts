import type { Localized } from '../../../model/verdict.js';
import type { CheckDefinition, Judgement, RunContext } from '../../../engine/exercise.js';
import { fail, pass } from '../../../kit/judging/judgement.js';
import { EX3_RULES } from '../contract.js';
import { WARMUP_WAIT_MS, type Ex3Prepared } from '../prepare.js';

export interface GroupsObs {
  groups: { critical: string; general: string };
  reserved: number[];
  /** For each input of the warm-up batch: its type and the groups that processed it. */
  processedBy: { id: string; type: string; partition: number; groups: string[] }[];
  committed: { critical: Record<number, number>; general: Record<number, number> };
  members: {
    critical: { state: string; members: { id: string; partitions: number[] }[] };
    general: { state: string; members: { id: string; partitions: number[] }[] };
  };
}

export function judgeGroupsByType(o: GroupsObs): Judgement {
  const data = { ...o, processedBy: o.processedBy.slice(0, 30) };
  // Only what was processed is judged here: a notification nobody processed is critical-latency's business.
  const wrong = o.processedBy.filter((p) => {
    const want = p.type === 'NEW_MESSAGE' ? o.groups.critical : o.groups.general;
    return p.groups.some((g) => g !== want);
  });
  if (!o.processedBy.some((p) => p.groups.length > 0)) {
    const g = groupsSeen(o);
    return fail(
      {
        fr: `Aucune des ${o.processedBy.length} notifications écrites n'a été traitée (${g.fr}).`,
        en: `None of the ${o.processedBy.length} notifications written was processed (${g.en}).`,
      },
      data,
    );
  }
  if (wrong.length) {
    const w = wrong[0]!;
    return fail(
      {
        fr: `${wrong.length} notification(s) sur ${o.processedBy.length} traitée(s) par un autre groupe que celui de leur type : par ex. ${w.type} (partition ${w.partition}) traitée par ${w.groups.join(', ')} ; attendu : « ${w.type === 'NEW_MESSAGE' ? o.groups.critical : o.groups.general} ».`,
        en: `${wrong.length} of ${o.processedBy.length} notification(s) processed by another group than their type's: e.g. ${w.type} (partition ${w.partition}) processed by ${w.groups.join(', ')}; expected "${w.type === 'NEW_MESSAGE' ? o.groups.critical : o.groups.general}".`,
      },
      data,
    );
  }
  if (Object.keys(o.committed.general).length === 0 && o.members.general.members.length === 0) {
    return fail(
      {
        fr: `Le groupe « ${o.groups.general} » n'a ni membre ni offset committé sur les brokers.`,
        en: `Group "${o.groups.general}" has neither a member nor a committed offset on the brokers.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Critiques traitées par « ${o.groups.critical} », générales par « ${o.groups.general} » (${o.processedBy.length} notifications).`,
      en: `Critical ones processed by "${o.groups.critical}", general ones by "${o.groups.general}" (${o.processedBy.length} notifications).`,
    },
    data,
  );
}

/** What the brokers show of the two groups, e.g. `group "g": no member, no committed offset`. Pure. */
export function groupsSeen(o: Pick<GroupsObs, 'groups' | 'committed' | 'members'>): Localized {
  const one = (kind: 'critical' | 'general') => {
    const members = o.members[kind].members.length;
    const committed = Object.keys(o.committed[kind]).length;
    return {
      fr: `groupe « ${o.groups[kind]} » : ${members ? `${members} membre(s)` : 'aucun membre'}, ${committed ? `offsets committés sur ${committed} partition(s)` : 'aucun offset committé'}`,
      en: `group "${o.groups[kind]}": ${members ? `${members} member(s)` : 'no member'}, ${committed ? `offsets committed on ${committed} partition(s)` : 'no committed offset'}`,
    };
  };
  const c = one('critical');
  const g = one('general');
  return { fr: `${c.fr} ; ${g.fr}`, en: `${c.en}; ${g.en}` };
}

/**
 * Fail fast: nothing of the warm-up processed and neither group has a member or a committed offset. Every
 * later check builds on processing or on the groups, so they fail at once with what was seen. Pure.
 */
export function neverConsumed(o: GroupsObs, waitedMs: number): Localized | undefined {
  const processed = o.processedBy.some((p) => p.groups.length > 0);
  const joined = (['critical', 'general'] as const).some(
    (k) => o.members[k].members.length > 0 || Object.keys(o.committed[k]).length > 0,
  );
  if (processed || joined) return undefined;
  const g = groupsSeen(o);
  return {
    fr: `aucune des ${o.processedBy.length} notifications écrites n'a été traitée en ${waitedMs / 1000} s (${g.fr})`,
    en: `none of the ${o.processedBy.length} notifications written was processed in ${waitedMs / 1000} s (${g.en})`,
  };
}

export function judgeCriticalAssignment(o: GroupsObs): Judgement {
  const data = { ...o, processedBy: undefined };
  const committedOn = Object.keys(o.committed.critical)
    .map(Number)
    .sort((a, b) => a - b);
  const assigned = [...new Set(o.members.critical.members.flatMap((m) => m.partitions))].sort((a, b) => a - b);
  const outside = [...committedOn, ...assigned].filter((p) => !o.reserved.includes(p));
  const covered = o.reserved.every((p) => committedOn.includes(p) || assigned.includes(p));
  if (outside.length || !covered) {
    return fail(
      {
        fr: `Le groupe « ${o.groups.critical} » doit consommer exactement la/les partition(s) ${o.reserved.join(', ')} : partitions assignées [${assigned.join(', ')}], offsets committés sur [${committedOn.join(', ')}].`,
        en: `Group "${o.groups.critical}" must consume exactly partition(s) ${o.reserved.join(', ')}: assigned [${assigned.join(', ')}], offsets committed on [${committedOn.join(', ')}].`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `« ${o.groups.critical} » consomme exactement la/les partition(s) ${o.reserved.join(', ')} (assignées [${assigned.join(', ')}], committées [${committedOn.join(', ')}]).`,
      en: `"${o.groups.critical}" consumes exactly partition(s) ${o.reserved.join(', ')} (assigned [${assigned.join(', ')}], committed [${committedOn.join(', ')}]).`,
    },
    data,
  );
}

async function observeGroups(ctx: RunContext, prepared: Ex3Prepared): Promise<GroupsObs> {
  const { app } = prepared;
  const warm = await prepared.warmup();
  const processed = app.processed();
  const toObj = (m: Map<number, number>) => Object.fromEntries(m);
  const obs: GroupsObs = {
    groups: app.groups,
    reserved: EX3_RULES.reserved,
    processedBy: warm.inputs.map((i) => ({
      id: i.id,
      type: i.type,
      partition: i.partition,
      groups: [...new Set(processed.filter((p) => p.id === i.id).map((p) => p.group))],
    })),
    committed: {
      critical: toObj(await app.committed(app.groups.critical)),
      general: toObj(await app.committed(app.groups.general)),
    },
    members: { critical: await app.members(app.groups.critical), general: await app.members(app.groups.general) },
  };
  const dead = neverConsumed(obs, WARMUP_WAIT_MS);
  if (dead && !ctx.dead) ctx.markDead(dead);
  return obs;
}

export const groupsByType: CheckDefinition<Ex3Prepared, GroupsObs> = {
  id: 'groups-by-type',
  title: { fr: 'Un groupe de consommateurs par type de notification', en: 'One consumer group per notification type' },
  points: 2,
  hint: {
    fr: "Exercice 3.1 : un groupe dédié aux notifications critiques (« nouveaux messages ») et un autre aux moins critiques (« likes »), chacun avec son group.id, pour qu'un flot de likes ne retarde pas les messages.",
    en: 'Exercise 3.1: one group for critical notifications ("new messages") and another for less critical ones ("likes"), each with its group.id, so that a flood of likes does not delay messages.',
  },
  observe: (ctx, prepared) => observeGroups(ctx, prepared),
  judge: judgeGroupsByType,
};

export const criticalAssignment: CheckDefinition<Ex3Prepared, GroupsObs> = {
  id: 'critical-assignment',
  title: {
    fr: 'Le groupe critique consomme exactement la partition réservée',
    en: 'The critical group consumes exactly the reserved partition',
  },
  points: 2,
  hint: {
    fr: "Exercice 3.2 : avec assign(), le consommateur choisit lui-même ses partitions (ici celle(s) réservée(s) aux notifications critiques par le partitionneur de l'exercice 2), sans rééquilibrage.",
    en: "Exercise 3.2: with assign(), the consumer picks its partitions itself (here the one(s) Exercise 2's partitioner reserves for critical notifications), without rebalancing.",
  },
  observe: (ctx, prepared) => observeGroups(ctx, prepared),
  judge: judgeCriticalAssignment,
};
