import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { OBJECTS, type ExpectedObject } from '../contract.js';
import type { SourceDescription } from '../ksqldb-client.js';
import type { PreflightHint } from '../preflight.js';
import type { Ex7Prepared, RefusedStatement } from '../prepare.js';
import { describeRefusal, failed, refusalFor } from './common.js';
import { pass } from '../../../kit/judging/judgement.js';

export interface DeclaredObject {
  expected: ExpectedObject & { topicName: string };
  /** DESCRIBE's answer; undefined when the server knows no such source. */
  described?: Pick<SourceDescription, 'type' | 'topic' | 'windowType'> & { keys: string[] };
  refused?: RefusedStatement;
}

export interface DeclarationsObs {
  objects: DeclaredObject[];
  hints: PreflightHint[];
}

/** What is wrong with one object as DESCRIBE shows it; empty when it is declared as asked. */
export function objectProblems(o: DeclaredObject): string[] {
  const d = o.described;
  const want = o.expected;
  if (!d)
    return [
      o.refused
        ? describeRefusal(o.refused).en
        : `${want.name} does not exist (DESCRIBE ${want.name} found no stream or table)`,
    ];
  const problems: string[] = [];
  if (d.type.toUpperCase() !== want.kind)
    problems.push(`${want.name} is a ${d.type.toUpperCase()}, not a ${want.kind}`);
  if (d.topic !== want.topicName) problems.push(`${want.name} is on topic ${d.topic}, not ${want.topicName}`);
  if (d.keys.length !== 1 || d.keys[0]!.toUpperCase() !== want.key)
    problems.push(`${want.name}'s key is ${d.keys.join(', ') || 'none'}, not ${want.key}`);
  const w = d.windowType?.toUpperCase() ?? undefined;
  if ((want.window ?? undefined) !== w)
    problems.push(`${want.name}'s window is ${w ?? 'none'}, not ${want.window ?? 'none'}`);
  return problems;
}

export function judgeDeclarations(o: DeclarationsObs): Judgement {
  const problems = o.objects.flatMap(objectProblems);
  const data = {
    objects: o.objects.map((x) => ({
      name: x.expected.name,
      described: x.described ?? null,
      refused: x.refused?.message,
    })),
    problems,
  };
  if (problems.length) {
    const bad = o.objects.filter((x) => objectProblems(x).length).map((x) => x.expected.name);
    return failed(
      {
        fr: `Déclarations différentes de l'énoncé : ${problems.join(' ; ')}.`,
        en: `Declarations differ from the statement: ${problems.join('; ')}.`,
      },
      data,
      o.hints,
      bad,
    );
  }
  return pass(
    {
      fr: `Les ${o.objects.length} streams et tables sont déclarés comme demandé (DESCRIBE : type, topic, clé, fenêtre).`,
      en: `The ${o.objects.length} streams and tables are declared as asked (DESCRIBE: type, topic, key, window).`,
    },
    data,
  );
}

export const declarationsCheck: CheckDefinition<Ex7Prepared, DeclarationsObs> = {
  id: 'declarations',
  title: { fr: 'Streams et tables déclarés comme demandé', en: 'Streams and tables declared as asked' },
  points: 2,
  hint: {
    fr: 'Un STREAM pour les événements (PAGEVIEWS, PAGEVIEWS_ENRICHED), une TABLE pour un état par clé (USERS, et toute agrégation GROUP BY), sur les topics nommés par les variables du contrat.',
    en: 'A STREAM for events (PAGEVIEWS, PAGEVIEWS_ENRICHED), a TABLE for state per key (USERS, and every GROUP BY aggregation), on the topics the contract names through variables.',
  },
  async observe(ctx, p) {
    const objects: DeclaredObject[] = [];
    for (const want of Object.values(OBJECTS) as ExpectedObject[]) {
      const d = await p.ksql.describe(want.name);
      const refused = refusalFor(p.refused, want.name);
      objects.push({
        expected: { ...want, topicName: ctx.names.topics[want.topic]! },
        ...(d
          ? {
              described: {
                type: d.type,
                topic: d.topic,
                windowType: d.windowType ?? null,
                keys: d.fields
                  .filter((f) => f.type === 'KEY' && !['WINDOWSTART', 'WINDOWEND'].includes(f.name.toUpperCase()))
                  .map((f) => f.name),
              },
            }
          : {}),
        ...(refused ? { refused } : {}),
      });
    }
    return { objects, hints: p.hints };
  },
  judge: judgeDeclarations,
};
