/**
 * Similar solutions, a hint for the trainer and never a verdict: sources are normalised (comments and
 * whitespace gone, identifiers and literals replaced by placeholders, keywords and operators kept), cut
 * into token 5-grams, and two students are compared by the Jaccard index of their 5-gram sets.
 * Starting from the same skeleton makes solutions alike; the dashboard says so.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.java', '.kt', '.py', '.scala'];
const SKIP_DIRS = new Set(['node_modules', 'target', 'build', 'dist', '.git', '.gradle', '.idea', 'out']);
const MAX_FILE_BYTES = 512 * 1024;

const KEYWORDS = new Set(
  (
    'abstract as async await boolean break byte case catch char class const continue def default do double elif else enum export extends ' +
    'false final finally float for from function if implements import in instanceof int interface is lambda let long new none null ' +
    'of package pass private protected public raise return short static super switch synchronized this throw throws true try type ' +
    'typeof undefined var void while with yield val fun object when'
  ).split(' '),
);

/** Normalised tokens of a source text: keywords and punctuation as they are, `I` for identifiers, `S`/`N` for literals. */
export function normalizeTokens(src: string): string[] {
  const out: string[] = [];
  const re =
    /(\/\*[\s\S]*?\*\/)|(\/\/[^\n]*)|(#[^\n]*)|("""[\s\S]*?"""|'''[\s\S]*?''')|("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|(\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?[lLfFdDn]?\b|\b0[xX][0-9a-fA-F_]+\b)|([A-Za-z_$][\w$]*)|(\s+)|(=>|===|!==|==|!=|<=|>=|&&|\|\||\?\?|\+\+|--|->|::|\.\.\.|[{}()[\];,.<>+\-*/%=!?:&|^~@])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    if (m[1] || m[2] || m[3] || m[8]) continue;
    if (m[4] || m[5]) out.push('S');
    else if (m[6]) out.push('N');
    else if (m[7]) out.push(KEYWORDS.has(m[7]) ? m[7] : 'I');
    else if (m[9]) out.push(m[9]);
  }
  return out;
}

/** Set of token n-grams (joined), the fingerprint two solutions are compared by. */
export function shingles(tokens: string[], n = 5): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i + n <= tokens.length; i++) s.add(tokens.slice(i, i + n).join(' '));
  return s;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Source files of a solution folder, sorted (build outputs, dependencies and VCS folders skipped). */
export function listSourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((x, y) => x.name.localeCompare(y.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (
        e.isFile() &&
        SOURCE_EXTENSIONS.includes(path.extname(e.name)) &&
        fs.statSync(p).size <= MAX_FILE_BYTES
      )
        out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function fingerprintDir(dir: string, n = 5): Set<string> {
  const tokens = listSourceFiles(dir).flatMap((f) => normalizeTokens(fs.readFileSync(f, 'utf8')));
  return shingles(tokens, n);
}

export interface SimilarPair {
  a: string;
  b: string;
  /** Jaccard index of the token 5-gram sets, 0..1. */
  similarity: number;
}

/** The fingerprint of several folders together (a student's repositories, one per exercise). */
export function fingerprintDirs(dirs: string[], n = 5): Set<string> {
  const all = new Set<string>();
  for (const d of dirs) for (const g of fingerprintDir(d, n)) all.add(g);
  return all;
}

/** Every pair at or above `threshold`, most similar first. Students without source are left out. */
export function similarPairs(fingerprints: Map<string, Set<string>>, threshold: number): SimilarPair[] {
  const ids = [...fingerprints.keys()].filter((id) => fingerprints.get(id)!.size > 0).sort();
  const pairs: SimilarPair[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const s = jaccard(fingerprints.get(ids[i]!)!, fingerprints.get(ids[j]!)!);
      if (s >= threshold) pairs.push({ a: ids[i]!, b: ids[j]!, similarity: Math.round(s * 1000) / 1000 });
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}
