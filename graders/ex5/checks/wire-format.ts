import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { between, readRawRecords } from '../../../kit/readers/raw-records.js';
import { idRegistrations, schemaById, subjectVersion, subjectVersions } from '../../../kit/registry/registry-http.js';
import { EX5_RULES, expectedNews } from '../contract.js';
import { decodeRecords, newsFields, type DecodedRecord } from '../decode.js';
import type { Ex5Prepared } from '../prepare.js';
import { describeFields, isNews, recordShape } from '../schemas.js';
import { shownList } from '../../../kit/judging/shown-list.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface WireObs {
  topic: string;
  subject: string;
  exitCode: number | null;
  expected: { title: string; media: string }[];
  records: DecodedRecord[];
  /** GET /subjects/{subject}/versions/1. */
  v1: { status: number; id?: number; schema?: string; text: string };
  /** What each id the records carry names (GET /schemas/ids/{id}) and where it is registered (.../versions). */
  idSchemas: Record<number, { status: number; schema?: string; registeredAs?: { subject: string; version: number }[] }>;
  unrelatedIds: number[];
}

/**
 * ` (registered as "a.News" version 1)`, or nothing when the registry lists no subject for the id. An identical
 * schema shares its id across subjects (other runs' `<topic>-value` too): names not of that form come first.
 */
function whereRegistered(o: WireObs, id: number, lang: 'fr' | 'en'): string {
  const r = [...(o.idSchemas[id]?.registeredAs ?? [])].sort(
    (a, b) => Number(a.subject.endsWith('-value')) - Number(b.subject.endsWith('-value')),
  );
  if (!r.length) return '';
  const more = r.length > 4 ? (lang === 'fr' ? ` et ${r.length - 4} autre(s)` : ` and ${r.length - 4} more`) : '';
  const list =
    r
      .slice(0, 4)
      .map((x) => `"${x.subject}" version ${x.version}`)
      .join(', ') + more;
  return lang === 'fr' ? ` (enregistré comme ${list})` : ` (registered as ${list})`;
}

const ids = (rs: DecodedRecord[]) => [...new Set(rs.filter((r) => r.wire === 'ok').map((r) => r.schemaId!))];

export function judgeWireFormat(o: WireObs): Judgement {
  const data = { ...o, records: o.records.slice(0, 10) };
  const n = o.records.length;
  if (n === 0)
    return fail(
      {
        fr: `produce-v1 n'a écrit aucun message dans « ${o.topic} » (code de sortie ${o.exitCode}).`,
        en: `produce-v1 wrote no record to "${o.topic}" (exit code ${o.exitCode}).`,
      },
      data,
    );
  const notWire = o.records.filter((r) => r.wire !== 'ok');
  if (notWire.length) {
    const first = notWire[0]!.firstBytes || '(vide)';
    return fail(
      {
        fr: `${notWire.length} des ${n} messages de produce-v1 ne sont pas au format du registre (octet magique 0 puis l'id du schéma sur 4 octets) : premiers octets ${first}.`,
        en: `${notWire.length} of the ${n} records of produce-v1 are not in the registry's wire format (magic byte 0 then the 4-byte schema id): first bytes ${notWire[0]!.firstBytes || '(empty)'}.`,
      },
      data,
    );
  }
  const carried = ids(o.records);
  if (o.v1.status !== 200 || o.v1.id === undefined) {
    return fail(
      {
        fr: `Le sujet « ${o.subject} » n'a pas de version 1 (GET /subjects/${o.subject}/versions/1 → ${o.v1.status} ${o.v1.text}) ; les messages portent l'id ${carried.map((id) => `${id}${whereRegistered(o, id, 'fr')}`).join(', ')}.`,
        en: `Subject "${o.subject}" holds no version 1 (GET /subjects/${o.subject}/versions/1 -> ${o.v1.status} ${o.v1.text}); the records carry schema id ${carried.map((id) => `${id}${whereRegistered(o, id, 'en')}`).join(', ')}.`,
      },
      data,
    );
  }
  const v1Shape = recordShape(o.v1.schema);
  if (!isNews(v1Shape)) {
    return fail(
      {
        fr: `La version 1 de « ${o.subject} » n'est pas un record News avec title et media (string) : ${describeFields(v1Shape)}.`,
        en: `Version 1 of "${o.subject}" is not a News record with title and media (string): ${describeFields(v1Shape)}.`,
      },
      data,
    );
  }
  const wrongIds = carried.filter((id) => id !== o.v1.id);
  const laterVersions = wrongIds
    .map((id) => ({ id, version: o.idSchemas[id]?.registeredAs?.find((r) => r.subject === o.subject)?.version }))
    .filter((x) => x.version !== undefined);
  if (wrongIds.length && laterVersions.length === wrongIds.length) {
    const v1Fields = describeFields(v1Shape);
    const list = laterVersions.map((x) => {
      const fields = describeFields(recordShape(o.idSchemas[x.id]?.schema));
      return {
        fr: `${x.id}, la version ${x.version} de « ${o.subject} »${fields === v1Fields ? ' (mêmes champs que la version 1)' : ` (${fields})`}`,
        en: `${x.id}, version ${x.version} of "${o.subject}"${fields === v1Fields ? ' (the same fields as version 1)' : ` (${fields})`}`,
      };
    });
    return fail(
      {
        fr: `Les messages de produce-v1 portent l'id ${list.map((l) => l.fr).join(', ')}, et non l'id de la version 1 (${o.v1.id}) : après produce-v1, le sujet contient plus d'une version. Enregistrez le schéma une fois et écrivez avec l'id que cet enregistrement a rendu.`,
        en: `The records of produce-v1 carry id ${list.map((l) => l.en).join(', ')}, not version 1's id (${o.v1.id}): after produce-v1 the subject holds more than one version. Register the schema once and write with the id that registration returned.`,
      },
      data,
    );
  }
  if (wrongIds.length) {
    const names = wrongIds
      .map((id) => `${id} (${describeFields(recordShape(o.idSchemas[id]?.schema)) || o.idSchemas[id]?.status})`)
      .join(', ');
    return fail(
      {
        fr: `Les messages portent l'id de schéma ${names}, qui n'est pas l'id de la version 1 de « ${o.subject} » (${o.v1.id}) : un id écrit en dur ou venant d'un autre sujet ne désigne pas votre schéma.`,
        en: `The records carry schema id ${names}, which is not the id of "${o.subject}" version 1 (${o.v1.id}): an id written by hand or taken from another subject does not name your schema.`,
      },
      data,
    );
  }
  const got = o.records.map((r) => newsFields(r.value));
  const missing = o.expected.filter((e) => !got.some((g) => g.title === e.title && g.media === e.media));
  if (missing.length) {
    const errs = o.records.find((r) => r.decodeError)?.decodeError;
    return fail(
      {
        fr: `Décodés avec le schéma ${o.v1.id}, ${o.expected.length - missing.length} des ${o.expected.length} News envoyées sont retrouvées (manquantes : ${
          shownList(
            missing.map((m) => m.title),
            3,
          ).fr
        }${errs ? ` ; erreur : ${errs}` : ''}).`,
        en: `Decoded with schema ${o.v1.id}, ${o.expected.length - missing.length} of the ${o.expected.length} News sent are found (missing: ${
          shownList(
            missing.map((m) => m.title),
            3,
          ).en
        }${errs ? `; error: ${errs}` : ''}).`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Les ${n} messages de produce-v1 sont au format du registre avec l'id ${o.v1.id}, la version 1 de « ${o.subject} » (un record News), et se décodent en les News envoyées (le grader avait enregistré d'autres schémas avant : ids ${o.unrelatedIds.join(', ')}).`,
      en: `The ${n} records of produce-v1 are in the registry's wire format with id ${o.v1.id}, version 1 of "${o.subject}" (a News record), and decode to the News sent (the grader registered other schemas first: ids ${o.unrelatedIds.join(', ')}).`,
    },
    data,
  );
}

/** What produce-v1 left: no record and no version means nothing later can be judged. */
export function v1Dead(o: WireObs): boolean {
  return o.records.length === 0 && o.v1.status !== 200;
}

export const wireFormat: CheckDefinition<Ex5Prepared, WireObs> = {
  id: 'wire-format',
  title: {
    fr: 'Messages Avro au format du registre, sous le sujet du contrat',
    en: "Avro records in the registry's wire format, under the contract's subject",
  },
  points: 3,
  hint: {
    fr: "Étapes 1-2 : le sérialiseur Avro enregistre le schéma sous le sujet <topic>-value et écrit l'octet magique 0 puis l'id que le registre a rendu (4 octets) avant les données Avro ; ne codez pas l'id en dur.",
    en: 'Steps 1-2: the Avro serializer registers the schema under the subject <topic>-value and writes magic byte 0 then the id the registry returned (4 bytes) before the Avro data; do not hard-code the id.',
  },
  async observe(ctx, p) {
    const all = await readRawRecords(ctx.stack, p.topic);
    const records = await decodeRecords(p.registry, between(all, p.v1.from, p.v1.to));
    const v1 = await subjectVersion(p.registryUrl, p.subject, 1);
    const idSchemas: WireObs['idSchemas'] = {};
    for (const id of ids(records))
      idSchemas[id] = {
        ...(await schemaById(p.registryUrl, id)),
        registeredAs: await idRegistrations(p.registryUrl, id),
      };
    const o: WireObs = {
      topic: p.topic,
      subject: p.subject,
      exitCode: p.v1.run.exit.code,
      expected: expectedNews(p.v1.prefix, EX5_RULES.produceCount),
      records,
      v1,
      idSchemas,
      unrelatedIds: p.unrelatedIds,
    };
    if (v1Dead(o)) {
      const versions = await subjectVersions(p.registryUrl, p.subject);
      ctx.markDead({
        fr: `produce-v1 n'a écrit aucun message dans « ${p.topic} » ni enregistré de schéma sous « ${p.subject} » (code de sortie ${o.exitCode}, versions : ${versions.status} ${versions.text})`,
        en: `produce-v1 wrote no record to "${p.topic}" and registered no schema under "${p.subject}" (exit code ${o.exitCode}, versions: ${versions.status} ${versions.text})`,
      });
    }
    return o;
  },
  judge: judgeWireFormat,
};
