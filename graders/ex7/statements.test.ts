import { describe, expect, test } from 'vitest';
import { lineInFile, splitStatements } from './statements.js';

describe('splitting a solution file into statements', () => {
  test('statements split at ; with the line each starts on', () => {
    const sql =
      "-- streams\nCREATE STREAM A (X INT) WITH (KAFKA_TOPIC='a;b', VALUE_FORMAT='JSON');\n\n/* the table; */\nCREATE TABLE B AS\n  SELECT X, COUNT(*) FROM A GROUP BY X;\n";
    expect(splitStatements('s.sql', sql)).toEqual([
      { file: 's.sql', line: 2, text: "CREATE STREAM A (X INT) WITH (KAFKA_TOPIC='a;b', VALUE_FORMAT='JSON');" },
      { file: 's.sql', line: 5, text: 'CREATE TABLE B AS\n  SELECT X, COUNT(*) FROM A GROUP BY X;' },
    ]);
  });
  test('a last statement without ; is kept; comment-only pieces are dropped', () => {
    expect(splitStatements('s.sql', 'SHOW STREAMS;\n-- end\nSHOW TABLES\n').map((s) => [s.line, s.text])).toEqual([
      [1, 'SHOW STREAMS;'],
      [3, 'SHOW TABLES;'],
    ]);
    expect(splitStatements('s.sql', '-- nothing\n')).toEqual([]);
  });
  test('quotes doubled inside a string do not end it', () => {
    expect(splitStatements('s.sql', "SELECT 'it''s; fine' FROM A; SHOW TABLES;").map((s) => s.text)).toEqual([
      "SELECT 'it''s; fine' FROM A;",
      'SHOW TABLES;',
    ]);
  });
  test("the server's line inside a statement maps to the file's line", () => {
    const [, second] = splitStatements('s.sql', 'SHOW STREAMS;\n\nCREATE TABLE B AS\n  SELEC X FROM A;');
    expect(lineInFile(second!, "line 2:3: Syntax Error\nExpecting 'SELECT'")).toBe(4);
    expect(lineInFile(second!, 'Something else')).toBe(3);
  });
});
