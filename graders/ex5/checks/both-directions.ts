import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { between, readRawRecords } from '../../../kit/readers/raw-records.js';
import { subjectVersion } from '../../../kit/registry/registry-http.js';
import { EX5_RULES, expectedNews } from '../contract.js';
import { decodeRecords, newsFields, type DecodedRecord } from '../decode.js';
import { sharedRun, type Ex5Prepared } from '../prepare.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

type News = { title: string; media: string; test?: string };

export interface BothDirectionsObs {
  subject: string;
  v1Id?: number;
  v2Id?: number;
  /** produce-v2's records decoded with their writer's schema. */
  v2Records: DecodedRecord[];
  /** The same records read by an old reader (version 1's schema). */
  newByOld: DecodedRecord[];
  /** produce-v1's records read by a new reader (version 2's schema). */
  oldByNew: DecodedRecord[];
  expectedV1: News[];
  expectedV2: News[];
}

const has = (rs: DecodedRecord[], e: News, test: unknown) =>
  rs.some((r) => {
    const f = newsFields(r.value);
    return f.title === e.title && f.media === e.media && (test === undefined ? !('test' in f) : f.test === test);
  });

export function judgeBothDirections(o: BothDirectionsObs): Judgement {
  const data = {
    ...o,
    v2Records: o.v2Records.slice(0, 6),
    newByOld: o.newByOld.slice(0, 6),
    oldByNew: o.oldByNew.slice(0, 6),
  };
  if (o.v1Id === undefined || o.v2Id === undefined) {
    return fail(
      {
        fr: `« ${o.subject} » n'a pas de versions 1 et 2 : rien à lire dans les deux sens.`,
        en: `"${o.subject}" does not hold versions 1 and 2: nothing to read both ways.`,
      },
      data,
    );
  }
  if (o.v2Records.length === 0)
    return fail({ fr: `produce-v2 n'a écrit aucun message.`, en: `produce-v2 wrote no record.` }, data);
  const ids = [
    ...new Set(
      o.v2Records.map((r) => (r.wire === 'ok' ? String(r.schemaId) : `not wire format (${r.firstBytes || 'empty'})`)),
    ),
  ];
  if (ids.some((id) => id !== String(o.v2Id))) {
    return fail(
      {
        fr: `Les messages de produce-v2 portent ${ids.join(', ')} et non l'id de la version 2 (${o.v2Id}).`,
        en: `The records of produce-v2 carry ${ids.join(', ')}, not version 2's id (${o.v2Id}).`,
      },
      data,
    );
  }
  const missingV2 = o.expectedV2.filter((e) => !has(o.v2Records, e, e.test));
  if (missingV2.length) {
    return fail(
      {
        fr: `Décodés avec la version 2, ${missingV2.length} des ${o.expectedV2.length} News envoyées par produce-v2 manquent (ex. ${missingV2[0]!.title}).`,
        en: `Decoded with version 2, ${missingV2.length} of the ${o.expectedV2.length} News produce-v2 sent are missing (e.g. ${missingV2[0]!.title}).`,
      },
      data,
    );
  }
  const oldFail = o.expectedV2.filter((e) => !has(o.newByOld, e, undefined));
  if (oldFail.length) {
    const err = o.newByOld.find((r) => r.decodeError)?.decodeError;
    return fail(
      {
        fr: `Un ancien lecteur (schéma de la version 1) ne relit pas ${oldFail.length} des ${o.expectedV2.length} nouveaux messages${err ? ` : ${err}` : ''}.`,
        en: `An old reader (version 1's schema) does not read ${oldFail.length} of the ${o.expectedV2.length} new records back${err ? `: ${err}` : ''}.`,
      },
      data,
    );
  }
  const newFail = o.expectedV1.filter((e) => !has(o.oldByNew, e, null));
  if (newFail.length) {
    const err = o.oldByNew.find((r) => r.decodeError)?.decodeError;
    return fail(
      {
        fr: `Un nouveau lecteur (schéma de la version 2) ne relit pas ${newFail.length} des ${o.expectedV1.length} anciens messages avec test = null${err ? ` : ${err}` : ''}.`,
        en: `A new reader (version 2's schema) does not read ${newFail.length} of the ${o.expectedV1.length} old records back with test = null${err ? `: ${err}` : ''}.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Les ${o.expectedV2.length} nouveaux messages (id ${o.v2Id}) se lisent avec le schéma de la version 1, et les ${o.expectedV1.length} anciens avec celui de la version 2 (test = null).`,
      en: `The ${o.expectedV2.length} new records (id ${o.v2Id}) read with version 1's schema, and the ${o.expectedV1.length} old ones with version 2's (test = null).`,
    },
    data,
  );
}

export const bothDirections: CheckDefinition<Ex5Prepared, BothDirectionsObs> = {
  id: 'both-directions',
  title: {
    fr: 'Anciens lecteurs et nouvelles données, nouveaux lecteurs et anciennes données',
    en: 'Old readers read new data, new readers read old data',
  },
  points: 3,
  hint: {
    fr: "Évolution du schéma : chaque message garde l'id du schéma qui l'a écrit ; la résolution Avro lit des données v2 avec le schéma v1 (test ignoré) et des données v1 avec le schéma v2 (test = défaut null).",
    en: 'Schema evolution: each record keeps the id of the schema that wrote it; Avro resolution reads v2 data with the v1 schema (test skipped) and v1 data with the v2 schema (test = its default, null).',
  },
  async observe(ctx, p) {
    const w = await sharedRun(ctx, p, 'v2');
    const v1 = await subjectVersion(p.registryUrl, p.subject, 1);
    const v2 = await subjectVersion(p.registryUrl, p.subject, 2);
    const all = await readRawRecords(ctx.stack, p.topic);
    const oldRaw = between(all, p.v1.from, p.v1.to);
    const newRaw = between(all, w.from, w.to);
    const ok = v1.schema !== undefined && v2.schema !== undefined;
    return {
      subject: p.subject,
      ...(v1.id !== undefined ? { v1Id: v1.id } : {}),
      ...(v2.id !== undefined ? { v2Id: v2.id } : {}),
      v2Records: await decodeRecords(p.registry, newRaw),
      newByOld: ok ? await decodeRecords(p.registry, newRaw, v1.schema) : [],
      oldByNew: ok ? await decodeRecords(p.registry, oldRaw, v2.schema) : [],
      expectedV1: expectedNews(p.v1.prefix, EX5_RULES.produceCount),
      expectedV2: expectedNews(w.prefix, EX5_RULES.produceCount, true),
    };
  },
  judge: judgeBothDirections,
};
