import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import type { ExitInfo } from '../../../runner/solution-process.js';
import { EX5_RULES } from '../contract.js';
import { registerGraderSchema, runConsumeRole, type Ex5Prepared } from '../prepare.js';
import { GRADER_SCHEMAS } from '../schemas.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

/** One line the consume role printed: `{"partition":p,"offset":o,"value":{...}}` or `{"partition":p,"offset":o,"error":"..."}`. */
export interface PrintedRecord {
  partition: number;
  offset: number;
  value?: Record<string, unknown>;
  error?: string;
}

export interface ConsumeObs {
  topic: string;
  writerSchemaId: number;
  /** The records the grader wrote with its writer schema, where they landed. */
  sent: { partition: number; offset: number; title: string; media: string }[];
  /** Records on the topic when consume ran (what KGRADE_COUNT said). */
  total: number;
  printed: PrintedRecord[];
  unreadableLines: string[];
  exit: ExitInfo;
}

/** The role's stdout lines as printed records; other lines are kept for the diagnosis. */
export function parsePrinted(lines: string[]): { printed: PrintedRecord[]; unreadable: string[] } {
  const printed: PrintedRecord[] = [];
  const unreadable: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (!t) continue;
    try {
      const o = JSON.parse(t) as { partition?: unknown; offset?: unknown; value?: unknown; error?: unknown };
      const offset =
        typeof o.offset === 'number'
          ? o.offset
          : typeof o.offset === 'string' && /^\d+$/.test(o.offset)
            ? Number(o.offset)
            : NaN;
      if (typeof o.partition !== 'number' || !Number.isFinite(offset)) {
        unreadable.push(t.slice(0, 200));
        continue;
      }
      printed.push({
        partition: o.partition,
        offset,
        ...(o.value && typeof o.value === 'object' ? { value: o.value as Record<string, unknown> } : {}),
        ...(o.error !== undefined ? { error: String(o.error).slice(0, 200) } : {}),
      });
    } catch {
      unreadable.push(t.slice(0, 200));
    }
  }
  return { printed, unreadable };
}

export function judgeConsume(o: ConsumeObs): Judgement {
  const data = { ...o, printed: o.printed.slice(0, 20), unreadableLines: o.unreadableLines.slice(0, 5) };
  if (o.printed.length === 0) {
    const other = o.unreadableLines.length ? `; other output: ${o.unreadableLines.slice(0, 2).join(' | ')}` : '';
    return fail(
      {
        fr: `consume n'a affiché aucun message (code de sortie ${o.exit.code}${o.exit.timedOut ? ', arrêté à la limite de temps' : ''}) alors que « ${o.topic} » en contient ${o.total}.`,
        en: `consume printed no record (exit code ${o.exit.code}${o.exit.timedOut ? ', killed at the time limit' : ''}) while "${o.topic}" holds ${o.total}${other}.`,
      },
      data,
    );
  }
  const bad = o.sent
    .map((s) => ({ s, line: o.printed.find((p) => p.partition === s.partition && p.offset === s.offset) }))
    .filter(({ s, line }) => !line || line.value?.title !== s.title || line.value?.media !== s.media);
  if (bad.length) {
    const first = bad[0]!;
    const shown = first.line
      ? JSON.stringify(first.line.value ?? { error: first.line.error }).slice(0, 160)
      : 'no line';
    return fail(
      {
        fr: `${o.sent.length - bad.length} des ${o.sent.length} messages écrits par le grader avec le schéma ${o.writerSchemaId} (champs dans un autre ordre, un champ de plus : un schéma que le programme ne peut pas connaître) sont affichés avec le bon titre et le bon média ; ${first.s.partition}:${first.s.offset} (titre ${first.s.title}) : ${shown}.`,
        en: `${o.sent.length - bad.length} of the ${o.sent.length} records the grader wrote with schema ${o.writerSchemaId} (fields in another order, one more field: a schema the program cannot know) are printed with the right title and media; ${first.s.partition}:${first.s.offset} (title ${first.s.title}): ${shown}.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Les ${o.sent.length} messages écrits avec le schéma ${o.writerSchemaId}, inconnu du programme, sont décodés juste : le consommateur lit avec le schéma de l'écrivain, trouvé par son id.`,
      en: `The ${o.sent.length} records written with schema ${o.writerSchemaId}, unknown to the program, are decoded right: the consumer reads with the writer's schema, found by its id.`,
    },
    data,
  );
}

export const consumerWriterSchema: CheckDefinition<Ex5Prepared, ConsumeObs> = {
  id: 'consumer-writer-schema',
  title: {
    fr: "Le consommateur décode avec le schéma de l'écrivain (par son id)",
    en: "The consumer decodes with the writer's schema (by its id)",
  },
  points: 3,
  hint: {
    fr: "Étape 2 : le désérialiseur lit l'id après l'octet magique et demande ce schéma au registre (GET /schemas/ids/{id}) ; un schéma local seul ne sait pas lire des données écrites avec un autre schéma.",
    en: 'Step 2: the deserializer reads the id after the magic byte and asks the registry for that schema (GET /schemas/ids/{id}); a local schema alone cannot read data written with another schema.',
  },
  // The grader writes the records this check reads: it does not build on produce-v1.
  judgedWhenDead: true,
  async observe(ctx, p) {
    const writerSchemaId = await registerGraderSchema(
      p.registry,
      p.registryUrl,
      `kgrade-writer-${ctx.runId}`,
      GRADER_SCHEMAS.writer(ctx.runId),
    );
    const producer = ctx.stack.observerProducer('kgrade-ex5-writer');
    await producer.connect();
    const sent: ConsumeObs['sent'] = [];
    try {
      for (let i = 0; i < EX5_RULES.writerRecords; i++) {
        const news = { source: `kgrade-source-${i}`, media: `writer-media-${i}`, title: `${ctx.runId}-writer-${i}` };
        const value = await p.registry.encode(writerSchemaId, news);
        const [meta] = await producer.send({ topic: p.topic, acks: -1, messages: [{ key: news.title, value }] });
        sent.push({
          partition: meta!.partition,
          offset: Number(meta!.baseOffset ?? meta!.offset),
          title: news.title,
          media: news.media,
        });
      }
    } finally {
      await producer.disconnect();
    }
    const offsets = await ctx.stack.topicOffsets(p.topic);
    const total = offsets.reduce((s, o) => s + Number(o.high) - Number(o.low), 0);
    const run = await runConsumeRole(ctx, p, total);
    const { printed, unreadable } = parsePrinted(run.stdoutLines);
    return { topic: p.topic, writerSchemaId, sent, total, printed, unreadableLines: unreadable, exit: run.exit };
  },
  judge: judgeConsume,
};
