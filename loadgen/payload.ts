import { createRng, type Rng } from '../core/rng.js';
import type { KeyDistribution, PayloadSpec } from './workload.js';

/**
 * Payloads are made before the run (a pool cycled through), so generation costs nothing on the hot path
 * (`npm run bench:micro` measures it). Random bytes are uppercase letters A-Z, exactly as Kafka's
 * kafka-producer-perf-test fills its records, so sizes and compression compare with it.
 */
export const DEFAULT_POOL_SIZE = 1024;

export function randomLetters(rng: Rng, sizeBytes: number): Buffer {
  const b = Buffer.allocUnsafe(sizeBytes);
  for (let i = 0; i < sizeBytes; i++) b[i] = 65 + Math.floor(rng.next() * 26);
  return b;
}

const MEDIA = [
  'France 2',
  'TF1',
  'France 3',
  'M6',
  'Arte',
  'France 5',
  'BFMTV',
  'LCI',
  'franceinfo',
  'TMC',
  'C8',
  'CNews',
];
const PRESENTERS = [
  'Anne-Sophie Lapix',
  'Gilles Bouleau',
  'Laurent Delahousse',
  'Julian Bugier',
  'Anne-Claire Coudray',
  'Marie-Sophie Lacarrau',
  'Carole Gaessler',
  'Thomas Sotto',
];
const SUBJECTS = [
  'la sécheresse',
  'les inondations',
  'la canicule',
  'le réchauffement climatique',
  'la réforme des retraites',
  "le prix de l'énergie",
  'les agriculteurs',
  'la rentrée scolaire',
  'les incendies de forêt',
  'la biodiversité',
  'le trafic ferroviaire',
  'les élections municipales',
];
const PLACES = [
  'en Bretagne',
  'dans le Var',
  'à Lyon',
  'en Alsace',
  'dans les Alpes',
  'à Marseille',
  'en Occitanie',
  'à Paris',
  'dans le Nord',
  'en Corse',
];
const VERBS = ['inquiète', 'mobilise', 'frappe', 'divise', 'surprend', 'touche', 'bouleverse', 'préoccupe'];
const WORDS = [
  'habitants',
  'élus',
  'scientifiques',
  'experts',
  'témoins',
  'météo',
  'record',
  'température',
  'pluie',
  'saison',
  'gouvernement',
  'région',
  'village',
  'été',
  'hiver',
  'climat',
  'glacier',
  'rivière',
  'récolte',
  'vigilance',
];

export interface NewsRecord {
  title: string;
  description: string;
  date: string;
  order: number;
  presenter: string;
  authors: string;
  editor: string;
  editorDeputy: string;
  url: string;
  urlTvNews: string;
  containsWordGlobalWarming: boolean;
  media: string;
}

/** One record shaped like the TP's `News` case class (tp-kafka-api models), in French like the course. */
export function newsRecord(rng: Rng, index: number): NewsRecord {
  const subject = rng.pick(SUBJECTS);
  const media = rng.pick(MEDIA);
  const sentences = Array.from(
    { length: rng.int(2, 5) },
    () =>
      `Les ${rng.pick(WORDS)} ${rng.pick(PLACES)} ${rng.pick(VERBS)} les ${rng.pick(WORDS)} : ${rng.pick(SUBJECTS)} ${rng.pick(VERBS)} la ${rng.pick(WORDS)}.`,
  );
  const day = new Date(Date.UTC(2023, 0, 1) + rng.int(0, 365) * 86_400_000 + rng.int(0, 86_400) * 1000);
  const slug = `${subject.replace(/[^a-zé]+/gi, '-')}-${rng.id(6)}`;
  return {
    title: `${subject[0]!.toUpperCase()}${subject.slice(1)} ${rng.pick(PLACES)} : ${rng.pick(VERBS)} les ${rng.pick(WORDS)}`,
    description: sentences.join(' '),
    date: day.toISOString(),
    order: index % 40,
    presenter: rng.pick(PRESENTERS),
    authors: `${rng.pick(PRESENTERS)}, ${rng.pick(PRESENTERS)}`,
    editor: rng.pick(PRESENTERS),
    editorDeputy: rng.pick(PRESENTERS),
    url: `https://www.${media.toLowerCase().replace(/\s+/g, '')}.fr/replay/${slug}`,
    urlTvNews: `https://www.${media.toLowerCase().replace(/\s+/g, '')}.fr/journal/${day.toISOString().slice(0, 10)}`,
    containsWordGlobalWarming: subject === 'le réchauffement climatique' || rng.next() < 0.1,
    media,
  };
}

export interface PayloadPool {
  values: Buffer[];
  /** Key of record i (undefined = no key). */
  keyOf(i: number): Buffer | undefined;
  meanValueBytes: number;
}

export function makePayloadPool(
  spec: PayloadSpec,
  keys: KeyDistribution,
  keyCount: number,
  seed: number,
  size = DEFAULT_POOL_SIZE,
): PayloadPool {
  const rng = createRng(seed);
  const values: Buffer[] = [];
  const newsMedia: string[] = [];
  for (let i = 0; i < size; i++) {
    if (spec.kind === 'random-bytes') values.push(randomLetters(rng, spec.sizeBytes));
    else {
      const rec = newsRecord(rng, i);
      newsMedia.push(rec.media);
      values.push(Buffer.from(JSON.stringify(rec)));
    }
  }
  const keyBufs = Array.from({ length: keyCount }, (_, k) =>
    Buffer.from(spec.kind === 'news-json' && keyCount <= MEDIA.length ? MEDIA[k]! : `key-${k}`),
  );
  const keyRng = createRng(seed ^ 0x5bd1e995);
  const randomKeys = Array.from({ length: size }, () => keyBufs[keyRng.int(0, keyCount)]!);
  const keyOf =
    keys === 'none'
      ? () => undefined
      : keys === 'round-robin'
        ? (i: number) => keyBufs[i % keyCount]
        : (i: number) => randomKeys[i % size];
  const meanValueBytes = values.reduce((s, v) => s + v.length, 0) / values.length;
  return { values, keyOf, meanValueBytes };
}
