/**
 * The trainer's roster: one student a row, `student id, display name, solution`.
 * With a header row, the solution may instead be given per exercise, one column each, named by the exercise id
 * (`student_id,display_name,ex1,ex2,ex3`: one repository per assignment, as GitHub Classroom makes them); a
 * `solution` column beside them is the folder for the exercises whose cell is empty.
 * A solution is a folder (relative to the roster file), a git URL with an optional `#ref`
 * (https://host/repo.git#main, file:///srv/repo#v2, git@host:repo.git#main), or `git:NAME[#ref]`,
 * an alias the caller maps to a URL (`--git-alias NAME=URL`). Every bad row gets its own error;
 * the good rows are graded anyway.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a roster cell says a solution is: a folder, or a git repository still to fetch (URL and optional ref).
 * Not what is graded: that is the engine's `SolutionSource` (engine/solution-source.ts), made from the fetched folder.
 */
export type SolutionLocation = { kind: 'path'; dir: string } | { kind: 'git'; url: string; ref?: string };

export interface RosterEntry {
  /** Row number in the file (1 = first line), for messages. */
  line: number;
  id: string;
  name: string;
  /** The `solution` column as written, and where it points; absent when the roster gives solutions per exercise only. */
  solutionText?: string;
  source?: SolutionLocation;
  /** Solutions given in an exercise's own column (by exercise id): they take precedence over `source`. */
  exerciseSources?: Record<string, { solutionText: string; source: SolutionLocation }>;
}

/** Where a student's solution to an exercise is: its own column, else the `solution` column; undefined: none. */
export function solutionFor(
  e: RosterEntry,
  exerciseId: string,
): { solutionText: string; source: SolutionLocation } | undefined {
  const own = e.exerciseSources?.[exerciseId];
  if (own) return own;
  return e.source && e.solutionText !== undefined ? { solutionText: e.solutionText, source: e.source } : undefined;
}

export interface RosterProblem {
  line: number;
  /** The student id when the row had one. */
  id?: string;
  /** The display name when the row had one (the dashboard and gradebook name the student). */
  name?: string;
  /** English text (console, logs). */
  message: string;
  /** What went wrong, for renderings in another language (dashboard, gradebook); absent: only `message` says it. */
  problem?: RosterProblemDetail;
}

export type RosterProblemDetail =
  | { kind: 'missing-fields'; fields: ('id' | 'name' | 'solution')[] }
  | { kind: 'field-count'; count: number }
  | { kind: 'unsafe-id' }
  | { kind: 'duplicate-id'; firstLine: number }
  | { kind: 'source'; sourceKind: 'git-alias' | 'git-repo' | 'folder'; text: string }
  | { kind: 'git-fetch'; text: string; error: string }
  | { kind: 'empty' }
  /** A header column that is neither `solution` nor an exercise id (the column is ignored). */
  | { kind: 'header-column'; column: string }
  /** No solution for an exercise the run grades (its cell and the `solution` cell are empty): not graded. */
  | { kind: 'no-solution'; exercise: string };

export interface Roster {
  entries: RosterEntry[];
  problems: RosterProblem[];
}

export interface ParseRosterOptions {
  /** Folder the relative solution paths are resolved from (the roster file's folder). */
  baseDir: string;
  /** `git:NAME` aliases: NAME -> git URL (its own `#ref` allowed). */
  gitAliases?: Record<string, string>;
  /** Checks that a path exists (injectable for tests); default: the file system. */
  pathExists?: (p: string) => boolean;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; `,` or `;` separator (French spreadsheets). */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || cells.length) endRow();
  return rows;
}

const HEADER_WORDS = /^(student[ _-]?id|id|student|étudiant|etudiant|login)$/i;
/** Ids become folder names in the output: letters, digits, `.`, `_`, `-`, `@` only. */
const SAFE_ID = /^[A-Za-z0-9@._-]+$/;

export function isGitSpec(s: string): boolean {
  return (
    /^(https?|ssh|git|file):\/\//i.test(s) || /^[\w.-]+@[\w.-]+:/.test(s) || /^git:/i.test(s) || /\.git(#.*)?$/i.test(s)
  );
}

/** `url#ref` -> { url, ref }; a `#` inside a file:// path is not expected. */
export function splitGitRef(spec: string): { url: string; ref?: string } {
  const hash = spec.lastIndexOf('#');
  if (hash < 0) return { url: spec };
  const ref = spec.slice(hash + 1).trim();
  return { url: spec.slice(0, hash), ...(ref ? { ref } : {}) };
}

/** What a roster column holds: by position without a header; by name after the first two with one. */
type Column = { kind: 'solution' } | { kind: 'exercise'; exercise: string } | { kind: 'ignored' };

const EXERCISE_COLUMN = /^(?:solution[ _-]?)?(ex\d+)$/i;

/** The solution columns a header names (from the third on), and the header problems. Pure. */
function headerColumns(header: string[], line: number): { columns: Column[]; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  const columns = header.slice(2).map((raw, i): Column => {
    const name = raw.trim();
    const ex = EXERCISE_COLUMN.exec(name);
    if (ex) return { kind: 'exercise', exercise: ex[1]!.toLowerCase() };
    // The third column is the solution whatever its title (a roster made before per-exercise columns).
    if (i === 0 || /^solution$/i.test(name)) return { kind: 'solution' };
    problems.push({
      line,
      message: `line ${line}: header column '${name}' is neither 'solution' nor an exercise id (ex1, ex2...); it is ignored`,
      problem: { kind: 'header-column', column: name },
    });
    return { kind: 'ignored' };
  });
  return { columns, problems };
}

export function parseRoster(text: string, opts: ParseRosterOptions): Roster {
  const exists = opts.pathExists ?? ((p: string) => fs.existsSync(p) && fs.statSync(p).isDirectory());
  const rows = parseCsv(text);
  const entries: RosterEntry[] = [];
  const problems: RosterProblem[] = [];
  const seen = new Map<string, number>();
  let columns: Column[] = [{ kind: 'solution' }];
  if (rows.length && HEADER_WORDS.test((rows[0]!.cells[0] ?? '').trim())) {
    const header = rows.shift()!;
    if (header.cells.length > 2) {
      const h = headerColumns(header.cells, header.line);
      columns = h.columns;
      problems.push(...h.problems);
    }
  }
  const perExercise = columns.some((c) => c.kind === 'exercise');
  const expected = perExercise
    ? `student id, display name, then ${columns.length} solution column(s) as the header names them`
    : 'student id, display name, solution';
  for (const { line, cells } of rows) {
    const [rawId, rawName, ...rest] = cells.map((c) => c.trim());
    const solutionCells = rest.slice(0, columns.length);
    const extra = rest.slice(columns.length);
    const id = rawId ?? '';
    const noSolution = !solutionCells.some((c, i) => c && columns[i]!.kind !== 'ignored');
    const absent = (
      [
        ['id', 'student id', !id],
        ['name', 'display name', !rawName],
        ['solution', 'solution', noSolution],
      ] as const
    ).filter((f) => f[2]);
    if (absent.length) {
      const missing = absent.map((f) => f[1]);
      problems.push({
        line,
        ...(id ? { id } : {}),
        ...(rawName ? { name: rawName } : {}),
        message: `line ${line}: missing ${missing.join(', ')} (expected: ${expected})`,
        problem: { kind: 'missing-fields', fields: absent.map((f) => f[0]) },
      });
      continue;
    }
    if (extra.some((e) => e !== '')) {
      problems.push({
        line,
        id,
        name: rawName!,
        message: `line ${line}: ${cells.length} fields, expected ${columns.length + 2} (${expected}); quote a field that holds a comma`,
        problem: { kind: 'field-count', count: cells.length },
      });
      continue;
    }
    if (!SAFE_ID.test(id)) {
      problems.push({
        line,
        id,
        name: rawName!,
        message: `line ${line}: student id '${id}' may only hold letters, digits, '.', '_', '-', '@' (it names the student's result folder)`,
        problem: { kind: 'unsafe-id' },
      });
      continue;
    }
    const first = seen.get(id.toLowerCase());
    if (first !== undefined) {
      problems.push({
        line,
        id,
        message: `line ${line}: duplicate student id '${id}' (first seen on line ${first}); this row is not graded`,
        problem: { kind: 'duplicate-id', firstLine: first },
      });
      continue;
    }
    seen.set(id.toLowerCase(), line);
    const entry: RosterEntry = { line, id, name: rawName! };
    let bad = false;
    solutionCells.forEach((text, i) => {
      const column = columns[i]!;
      if (!text || column.kind === 'ignored' || bad) return;
      const source = resolveSource(text, opts, exists);
      if ('error' in source) {
        problems.push({
          line,
          id,
          name: rawName!,
          message: `line ${line} (${id}): ${column.kind === 'exercise' ? `${column.exercise}: ` : ''}${source.error}`,
          problem: { kind: 'source', sourceKind: source.sourceKind, text },
        });
        bad = true;
        return;
      }
      if (column.kind === 'solution') {
        entry.solutionText = text;
        entry.source = source;
      } else (entry.exerciseSources ??= {})[column.exercise] = { solutionText: text, source };
    });
    if (!bad) entries.push(entry);
  }
  if (!rows.length)
    problems.push({
      line: 1,
      message: 'the roster has no student row (expected: student id, display name, solution)',
      problem: { kind: 'empty' },
    });
  return { entries, problems };
}

function resolveSource(
  s: string,
  opts: ParseRosterOptions,
  exists: (p: string) => boolean,
): SolutionLocation | { error: string; sourceKind: 'git-alias' | 'git-repo' | 'folder' } {
  if (/^git:/i.test(s)) {
    const { url: aliasWithPrefix, ref } = splitGitRef(s);
    const alias = aliasWithPrefix.slice(4);
    const target = opts.gitAliases?.[alias];
    if (!target)
      return { error: `git alias '${alias}' is not defined (pass --git-alias ${alias}=URL)`, sourceKind: 'git-alias' };
    const t = splitGitRef(target);
    const r = ref ?? t.ref;
    return { kind: 'git', url: t.url, ...(r ? { ref: r } : {}) };
  }
  if (isGitSpec(s)) {
    const { url, ref } = splitGitRef(s);
    if (/^file:\/\//i.test(url)) {
      const local = decodeURIComponent(url.replace(/^file:\/\//i, ''));
      if (!exists(local)) return { error: `git repository ${local} not found`, sourceKind: 'git-repo' };
    }
    return { kind: 'git', url, ...(ref ? { ref } : {}) };
  }
  const dir = path.resolve(opts.baseDir, s);
  if (!exists(dir))
    return {
      error: `solution folder ${s} not found (resolved to ${dir}, relative to the roster file)`,
      sourceKind: 'folder',
    };
  return { kind: 'path', dir };
}
