/** One statement of the solution's files, with where it starts (for the server's errors). */
export interface SqlStatement {
  file: string;
  /** 1-based line of the statement's first character in its file. */
  line: number;
  text: string;
}

/**
 * Splits a file into statements at `;` outside quotes ('...', "...", `...`) and comments (-- and /* *\/).
 * Not a ksqlDB parser: the server parses each statement and reports its own errors; this only tells which
 * statement (and so which line of the student's file) an error belongs to. Comment-only pieces are dropped.
 */
export function splitStatements(file: string, sql: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const raw = sql.slice(start, end);
    const lead = raw.length - raw.replace(/^(\s|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, '').length;
    const text = raw.slice(lead).trim();
    if (text) out.push({ file, line: lineAt(sql, start + lead), text: `${text};` });
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      i = j + 1;
    } else if (c === ';') {
      push(i);
      start = i + 1;
      i++;
    } else i++;
  }
  push(sql.length);
  return out.map((s) => ({ ...s, text: s.text.replace(/;+$/, ';') }));
}

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let k = 0; k < offset; k++) if (text[k] === '\n') n++;
  return n;
}

/** "line 3:14: mismatched input..." in a ksqlDB error: the position inside the statement. */
export function lineInFile(statement: SqlStatement, serverMessage: string): number {
  const m = /line (\d+):\d+/i.exec(serverMessage);
  return m ? statement.line + Number(m[1]) - 1 : statement.line;
}
