import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import { fromBeginningFix } from '../client-fixes.js';
import type { Ex0Prepared } from '../observations.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface ReadObs {
  topic: string;
  exists: boolean;
  /** partition:offset of every record the topic holds, with its key and value. */
  held: { at: string; key: string | null; value: string | null }[];
  /** partition:offset of every record the program printed, with its key and value. */
  printed: { at: string; key: string | null; value: string | null }[];
  unreadableLines: number;
  /** The Kafka clients the solution's dependency files declare. */
  clients?: DetectedClient[];
}

/** The contract: write 20 messages, read the topic back, stop after 20 messages. */
export const CONTRACT_READ_COUNT = 20;

/**
 * Whether a program that stopped at the contract's 20 messages read from the beginning, on a topic where producer
 * retries wrote copies (more than 20 records held): it printed 20 records the topic holds, and on every partition it
 * printed from, it started at that partition's first record.
 */
function stoppedAtCountFromTheStart(o: ReadObs): boolean {
  if (o.held.length <= CONTRACT_READ_COUNT) return false;
  const heldAt = new Set(o.held.map((r) => r.at));
  const printed = [...new Set(o.printed.map((p) => p.at))].filter((at) => heldAt.has(at));
  if (printed.length < CONTRACT_READ_COUNT) return false;
  const first = new Map<string, number>();
  for (const r of o.held) {
    const [p, off] = r.at.split(':');
    first.set(p!, Math.min(first.get(p!) ?? Infinity, Number(off)));
  }
  const printedFirst = new Map<string, number>();
  for (const at of printed) {
    const [p, off] = at.split(':');
    printedFirst.set(p!, Math.min(printedFirst.get(p!) ?? Infinity, Number(off)));
  }
  return [...printedFirst].every(([p, off]) => first.get(p) === off);
}

/**
 * Every message the topic holds must have been printed. A message written twice by a producer retry counts
 * once: printing either copy is enough. When retries wrote copies (more than 20 records held), a program that
 * stops after 20 records, as the contract says, cannot reach them all: 20 records printed, each partition from its
 * first record, is then enough.
 */
export function judgeRead(o: ReadObs): Judgement {
  const printedAt = new Set(o.printed.map((p) => p.at));
  const printedMsg = new Set(o.printed.map((p) => `${p.key}\u0000${p.value}`));
  const missing = o.held
    .filter((r) => !printedAt.has(r.at) && !printedMsg.has(`${r.key}\u0000${r.value}`))
    .map((r) => r.at);
  const data = {
    topic: o.topic,
    heldCount: o.held.length,
    printedCount: o.printed.length,
    missing: missing.slice(0, 20),
    missingCount: missing.length,
    unreadableLines: o.unreadableLines,
  };
  if (!o.exists) {
    return fail(
      {
        fr: `Le topic « ${o.topic} » n'existe pas : il n'y avait rien à relire.`,
        en: `Topic "${o.topic}" does not exist: there was nothing to read back.`,
      },
      data,
    );
  }
  if (o.held.length === 0) {
    return fail(
      {
        fr: `Le topic « ${o.topic} » ne contient aucun message : il n'y avait rien à relire.`,
        en: `Topic "${o.topic}" holds no record: there was nothing to read back.`,
      },
      data,
    );
  }
  if (missing.length > 0 && stoppedAtCountFromTheStart(o)) {
    return pass(
      {
        fr: `Le topic contient ${o.held.length} messages (des copies écrites par des réessais du producteur) ; votre programme s'est arrêté après en avoir relu ${CONTRACT_READ_COUNT}, chaque partition depuis son premier message.`,
        en: `The topic holds ${o.held.length} records (copies written by producer retries); your program stopped after reading ${CONTRACT_READ_COUNT} of them back, each partition from its first record.`,
      },
      data,
    );
  }
  if (missing.length > 0) {
    const first = missing[0]!.split(':');
    const unreadable = o.unreadableLines ? ` (${o.unreadableLines} ligne(s) JSON illisible(s))` : '';
    const unreadableEn = o.unreadableLines ? ` (${o.unreadableLines} unreadable JSON line(s))` : '';
    const fix = fromBeginningFix(o.clients);
    return fail(
      {
        fr: `Le topic contient ${o.held.length} messages ; votre programme n'en a pas affiché ${missing.length}${unreadable}. Premier manquant : partition ${first[0]}, offset ${first[1]}.${fix ? ` ${fix.fr}` : ''}`,
        en: `The topic holds ${o.held.length} records; your program did not print ${missing.length} of them${unreadableEn}. First missing: partition ${first[0]}, offset ${first[1]}.${fix ? ` ${fix.en}` : ''}`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Les ${o.held.length} messages du topic ont été relus depuis le début.`,
      en: `All ${o.held.length} records of the topic were read back from the beginning.`,
    },
    data,
  );
}

export const readFromBeginning: CheckDefinition<Ex0Prepared, ReadObs> = {
  id: 'read-from-beginning',
  title: { fr: 'Relecture du topic depuis le début', en: 'Topic read back from the beginning' },
  points: 2,
  hint: {
    fr: 'Un nouveau groupe de consommateurs ne lit que les nouveaux messages par défaut (auto.offset.reset=latest) : lisez depuis le début (auto.offset.reset=earliest, fromBeginning: true) et affichez une ligne JSON par message.',
    en: 'A new consumer group only reads new records by default (auto.offset.reset=latest): read from the beginning (auto.offset.reset=earliest, fromBeginning: true) and print one JSON line per record.',
  },
  async observe(ctx, prepared) {
    const s = await prepared.snapshot();
    return {
      topic: s.topic,
      exists: s.exists,
      held: s.records.map((r) => ({ at: `${r.partition}:${r.offset}`, key: r.key, value: r.value })),
      printed: prepared.printed.map((r) => ({ at: `${r.partition}:${r.offset}`, key: r.key, value: r.value })),
      unreadableLines: prepared.unreadableLines,
      clients: solutionKafkaClients(ctx.solution.dir),
    };
  },
  judge: judgeRead,
};
