import type { Rng } from '../../core/rng.js';
import { EX6_RULES } from './contract.js';

/** One message the grader writes to the input topic: keyed by message (`key12`), never by word. */
export interface InputMessage {
  key: string;
  value: string;
}

/**
 * The seeded batch and what each word is for. Every word is lowercase letters; words are separated by single
 * spaces; a message to drop holds the standalone word "filter" and no other word contains "filter", so
 * "the message contains filter" means the same whether it is tested on the text or on its words.
 */
export interface SeededInput {
  messages: InputMessage[];
  /** Words of kept messages only: their counts are exact whatever the filter does. */
  cleanOnly: string[];
  /** Words of messages containing "filter" only (besides "filter" itself): never counted by a right solution. */
  filterOnly: string[];
  /** Words of both: counted for their occurrences in kept messages only. */
  mixed: string[];
}

export const INPUT_SHAPE = {
  cleanMessages: 40,
  filterMessages: 12,
  cleanOnlyWords: 12,
  filterOnlyWords: 4,
  mixedWords: 4,
};

/** Whether the application must drop the message (contract: it contains "filter"). Pure. */
export function isFiltered(value: string): boolean {
  return value.includes(EX6_RULES.filterWord);
}

/** The message's words: split on runs of whitespace, empty strings dropped, no other normalisation. Pure. */
export function wordsOf(value: string): string[] {
  return value.split(/\s+/).filter((w) => w.length > 0);
}

/** The oracle: how many times each word occurs in the messages that do not contain "filter". Pure. */
export function expectedCounts(messages: readonly Pick<InputMessage, 'value'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages)
    if (!isFiltered(m.value)) for (const w of wordsOf(m.value)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Occurrences of each word in every message, dropped ones included (what a missing filter would count). Pure. */
export function unfilteredCounts(messages: readonly Pick<InputMessage, 'value'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) for (const w of wordsOf(m.value)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

function word(rng: Rng): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: rng.int(4, 8) }, () => letters[rng.int(0, letters.length)]).join('');
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Distinct words, none containing "filter". */
export function distinctWords(rng: Rng, n: number, avoid: ReadonlySet<string> = new Set()): string[] {
  const out = new Set<string>();
  while (out.size < n) {
    const w = word(rng);
    if (!w.includes(EX6_RULES.filterWord) && !avoid.has(w)) out.add(w);
  }
  return [...out];
}

/**
 * The batch the grader writes: kept messages of 3 to 6 words drawn from the clean-only and mixed words (a word
 * may repeat within a message), and messages with "filter" at a random place among filter-only and mixed
 * words. Every word of each group occurs at least once where its group says. Keys `key<n>` are spread over
 * the input's partitions by Kafka's default partitioner, so one word is met on several partitions. Pure.
 */
export function seedInput(rng: Rng, shape = INPUT_SHAPE): SeededInput {
  const all = distinctWords(rng, shape.cleanOnlyWords + shape.filterOnlyWords + shape.mixedWords);
  const cleanOnly = all.slice(0, shape.cleanOnlyWords);
  const filterOnly = all.slice(shape.cleanOnlyWords, shape.cleanOnlyWords + shape.filterOnlyWords);
  const mixed = all.slice(shape.cleanOnlyWords + shape.filterOnlyWords);
  const sentence = (pool: string[], mustHave: string | undefined, n: number) => {
    const words = Array.from({ length: n }, () => rng.pick(pool));
    if (mustHave !== undefined) words[rng.int(0, words.length)] = mustHave;
    return words;
  };
  const cleanPool = [...cleanOnly, ...mixed];
  const clean = Array.from({ length: shape.cleanMessages }, (_, i) =>
    sentence(cleanPool, cleanPool[i], rng.int(3, 7)).join(' '),
  );
  const filterPool = [...filterOnly, ...mixed];
  const dropped = Array.from({ length: shape.filterMessages }, (_, i) => {
    const words = sentence(filterPool, filterPool[i], rng.int(2, 5));
    words.splice(rng.int(0, words.length + 1), 0, EX6_RULES.filterWord);
    return words.join(' ');
  });
  const values = shuffle(rng, [...clean, ...dropped]);
  const base = rng.int(10, 1000);
  return { messages: values.map((value, i) => ({ key: `key${base + i}`, value })), cleanOnly, filterOnly, mixed };
}
