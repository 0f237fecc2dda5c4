import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { describeTopic, overridesOf } from '../../../kit/readers/topic-config.js';
import { EX8_RULES } from '../contract.js';
import type { Ex8Prepared } from '../observations.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface RetentionObs {
  topic: string;
  exists: boolean;
  setupExitCode: number | null;
  stated: Record<string, string> | null;
  /** Topic-level overrides (not defaults) of retention.* on the broker. */
  overrides: Record<string, string>;
  defaultRetentionMs: number;
}

export function judgeRetention(o: RetentionObs): Judgement {
  const data = { ...o };
  if (!o.exists)
    return fail(
      {
        fr: `Le topic « ${o.topic} » n'existe pas après le rôle « setup ».`,
        en: `Topic "${o.topic}" does not exist after the "setup" role.`,
      },
      data,
    );
  const ms = o.overrides['retention.ms'];
  const bytes = o.overrides['retention.bytes'];
  const lowersTime = ms !== undefined && Number(ms) >= 0 && Number(ms) < o.defaultRetentionMs;
  const capsSize = bytes !== undefined && Number(bytes) > 0;
  if (!lowersTime && !capsSize) {
    return fail(
      {
        fr: `Le topic garde la rétention par défaut (${Object.keys(o.overrides).length ? JSON.stringify(o.overrides) : '7 jours, sans limite de taille'}) : les disques continueront de se remplir.`,
        en: `The topic keeps the default retention (${Object.keys(o.overrides).length ? JSON.stringify(o.overrides) : '7 days, no size cap'}): the disks keep filling up.`,
      },
      data,
    );
  }
  const mismatched = Object.entries(o.stated ?? {}).filter(([k, v]) => o.overrides[k] !== v);
  if (!o.stated || mismatched.length) {
    return fail(
      {
        fr: o.stated
          ? `La réponse annoncée (${JSON.stringify(o.stated)}) ne correspond pas à la configuration du topic (${JSON.stringify(o.overrides)}).`
          : `Le rôle « setup » n'a pas annoncé sa réponse (une ligne JSON comme {"retention.ms": "86400000"}) ; le topic a ${JSON.stringify(o.overrides)}.`,
        en: o.stated
          ? `The stated answer (${JSON.stringify(o.stated)}) does not match the topic's configuration (${JSON.stringify(o.overrides)}).`
          : `The "setup" role did not state its answer (a JSON line such as {"retention.ms": "86400000"}); the topic has ${JSON.stringify(o.overrides)}.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Rétention du topic réglée comme annoncé : ${JSON.stringify(o.overrides)}.`,
      en: `Topic retention set as stated: ${JSON.stringify(o.overrides)}.`,
    },
    data,
  );
}

export const retentionConfigured: CheckDefinition<Ex8Prepared, RetentionObs> = {
  id: 'retention-configured',
  title: { fr: 'Q2 : rétention du topic réduite comme annoncé', en: 'Q2: topic retention lowered as stated' },
  points: 2,
  hint: {
    fr: "TP producteur Q2 : changez la configuration du topic (retention.ms plus court que 7 jours, ou retention.bytes) avec l'AdminClient (createTopics configEntries ou alterConfigs), et annoncez-la sur une ligne JSON. Inconvénient : les consommateurs en retard perdent les messages expirés, et on ne peut plus rejouer au-delà.",
    en: 'Producer lab Q2: change the topic configuration (retention.ms below 7 days, or retention.bytes) with the AdminClient (createTopics configEntries or alterConfigs), and state it on a JSON line. Drawback: lagging consumers lose expired records, and nothing older can be replayed.',
  },
  async observe(ctx, p) {
    const topic = ctx.names.topics.main!;
    const described = await describeTopic(ctx.stack, topic, ['retention.ms', 'retention.bytes']);
    const overrides = described ? overridesOf(described) : {};
    return {
      topic,
      exists: described !== undefined,
      setupExitCode: p.setup.exit.code,
      stated: p.statedRetention,
      overrides,
      defaultRetentionMs: EX8_RULES.defaultRetentionMs,
    };
  },
  judge: judgeRetention,
};
