import { describe, expect, test } from 'vitest';
import { judgeDeclarations, type DeclaredObject } from './checks/declarations.js';
import { judgeEventTime } from './checks/event-time.js';
import { judgeJoin } from './checks/join.js';
import { judgeWindowed, type WindowedObs } from './checks/windowed.js';
import { OBJECTS, type ExpectedObject } from './contract.js';
import { parseQueryStream } from './ksqldb-client.js';
import type { PreflightHint } from './preflight.js';
import type { RefusedStatement } from './prepare.js';
import { parseEnriched, rowsToWindows } from './results.js';

const MIN = 60_000;
const hint: PreflightHint = {
  id: 'tumbling-as-hopping',
  object: 'VIEWS_HOPPING',
  message: { fr: 'VIEWS_HOPPING utilise WINDOW TUMBLING.', en: 'VIEWS_HOPPING uses WINDOW TUMBLING.' },
};
const refused: RefusedStatement = {
  statement: { file: 'ksql/solution.sql', line: 21, text: 'CREATE TABLE VIEWS_HOPPING AS ...;' },
  line: 24,
  message: "line 4:38: Syntax Error\nExpecting 'BY'",
};

const declared = (o: ExpectedObject, over: Partial<NonNullable<DeclaredObject['described']>> = {}): DeclaredObject => ({
  expected: { ...o, topicName: `${o.topic}-run1` },
  described: { type: o.kind, topic: `${o.topic}-run1`, windowType: o.window ?? null, keys: [o.key], ...over },
});
const all = () => (Object.values(OBJECTS) as ExpectedObject[]).map((o) => declared(o));

describe('declarations', () => {
  test('all six as asked: pass', () => {
    expect(judgeDeclarations({ objects: all(), hints: [] }).status).toBe('pass');
  });
  test('a STREAM where a TABLE is asked, a TUMBLING where HOPPING, another key: each said, with the pre-flight hint', () => {
    const objects = all().map((o) =>
      o.expected.name === 'USERS'
        ? declared(OBJECTS.users, { type: 'STREAM' })
        : o.expected.name === 'VIEWS_HOPPING'
          ? declared(OBJECTS.hopping, { windowType: 'TUMBLING' })
          : o.expected.name === 'VIEWS_TUMBLING'
            ? declared(OBJECTS.tumbling, { keys: ['USER_ID'] })
            : o,
    );
    const j = judgeDeclarations({ objects, hints: [hint] });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(/USERS is a STREAM, not a TABLE/);
    expect(j.evidence.summary.en).toMatch(/VIEWS_HOPPING's window is TUMBLING, not HOPPING/);
    expect(j.evidence.summary.en).toMatch(/VIEWS_TUMBLING's key is USER_ID, not PAGE/);
    expect(j.evidence.summary.en).toMatch(/Pre-flight reading of your statements: VIEWS_HOPPING uses WINDOW TUMBLING/);
  });
  test("a refused statement is reported with the server's message and the line in the file", () => {
    const objects = all().map((o) => (o.expected.name === 'VIEWS_HOPPING' ? { expected: o.expected, refused } : o));
    expect(judgeDeclarations({ objects, hints: [] }).evidence.summary.en).toMatch(
      /ksqlDB refused the statement at ksql\/solution.sql line 24: line 4:38: Syntax Error/,
    );
  });
  test('a source the server does not know', () => {
    const objects = all().map((o) => (o.expected.name === 'USERS' ? { expected: o.expected } : o));
    expect(judgeDeclarations({ objects, hints: [] }).evidence.summary.en).toMatch(/USERS does not exist/);
  });
});

describe('windowed tables against the oracle', () => {
  const w = (key: string, start: number, count: number, sum: number) => ({
    key,
    start,
    end: start + MIN,
    value: { count, sum },
  });
  const obs = (read: WindowedObs['read'], more: Partial<WindowedObs> = {}): WindowedObs => ({
    table: 'VIEWS_HOPPING',
    expected: [w('home', 0, 2, 10), w('home', MIN, 1, 4)],
    read,
    hints: [hint],
    ...more,
  });
  const what = { fr: 'HOPPING', en: 'HOPPING' };
  test('exactly the expected windows: pass', () => {
    expect(judgeWindowed(obs({ windows: [w('home', 0, 2, 10), w('home', MIN, 1, 4)] }), what).status).toBe('pass');
  });
  test('a wrong count and a missing window are shown, with the hint', () => {
    const j = judgeWindowed(obs({ windows: [w('home', 0, 3, 10)] }), what);
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /VIEWS_HOPPING differs from the expected result \(2 windows\): missing home \[00:01:00, 00:02:00\) \(expected VIEWS 1, TOTAL_TIME 4\)/,
    );
    expect(j.evidence.summary.en).toMatch(/expected VIEWS 2, TOTAL_TIME 10, got VIEWS 3, TOTAL_TIME 10/);
    expect(j.evidence.summary.en).toMatch(/Pre-flight/);
  });
  test('an empty table, a refused query, missing columns, a refused statement', () => {
    expect(judgeWindowed(obs({ windows: [] }), what).evidence.summary.en).toMatch(/holds no window/);
    expect(judgeWindowed(obs({ refused: 'VIEWS_HOPPING does not exist.' }), what).evidence.summary.en).toMatch(
      /SELECT \* FROM VIEWS_HOPPING was refused: VIEWS_HOPPING does not exist/,
    );
    expect(judgeWindowed(obs({ missingColumns: ['PAGE'] }), what).evidence.summary.en).toMatch(/lacks columns PAGE/);
    expect(judgeWindowed(obs({ refused: 'x' }, { refusedStatement: refused }), what).evidence.summary.en).toMatch(
      /refused the statement at ksql\/solution.sql line 24/,
    );
  });
});

describe('event time', () => {
  const base = { firstViewMs: 10 * MIN, lastViewMs: 20 * MIN, hints: [] };
  test('VIEWTIME and every window within the views: pass', () => {
    expect(judgeEventTime({ ...base, timestampColumn: 'VIEWTIME', windowStarts: [10 * MIN, 19 * MIN] }).status).toBe(
      'pass',
    );
  });
  test("the records' timestamps: windows far from the views", () => {
    const j = judgeEventTime({ ...base, timestampColumn: '', windowStarts: [900 * MIN] });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /timestamp column is \(none: the records' timestamps\), 1 of 1 VIEWS_TUMBLING windows lie outside/,
    );
  });
  test('no window: nothing shows which clock (convention 10), even with TIMESTAMP=VIEWTIME', () => {
    expect(judgeEventTime({ ...base, timestampColumn: 'VIEWTIME', windowStarts: [] }).evidence.summary.en).toMatch(
      /holds no window: nothing shows/,
    );
  });
});

describe('stream-table join', () => {
  const v = (user: string, viewtime: number, region: string | null) => ({
    user,
    page: 'home',
    viewtime,
    timeSpent: 5,
    region,
  });
  test('every view once with its region: pass', () => {
    expect(
      judgeJoin({
        expected: [v('u1', 1, 'EU'), v('u5', 2, null)],
        got: [v('u5', 2, null), v('u1', 1, 'EU')],
        unreadable: 0,
        hints: [],
      }).status,
    ).toBe('pass');
  });
  test('a wrong region, a missing view, an extra record', () => {
    const j = judgeJoin({
      expected: [v('u1', 1, 'EU'), v('u2', 2, 'US')],
      got: [v('u1', 1, 'US'), v('u9', 3, 'EU')],
      unreadable: 0,
      hints: [],
    });
    expect(j.evidence.summary.en).toMatch(/REGION US, expected EU/);
    expect(j.evidence.summary.en).toMatch(/view u2 .* is missing/);
    expect(j.evidence.summary.en).toMatch(/1 record\(s\) that are no view of the input/);
  });
  test('nothing on the topic, or the statement refused', () => {
    expect(judgeJoin({ expected: [v('u1', 1, 'EU')], got: [], unreadable: 2, hints: [] }).evidence.summary.en).toMatch(
      /holds no enriched view \(2 unreadable/,
    );
    expect(
      judgeJoin({ expected: [v('u1', 1, 'EU')], got: [], unreadable: 0, refusedStatement: refused, hints: [] }).evidence
        .summary.en,
    ).toMatch(/ksqlDB refused the statement/);
  });
});

describe("reading ksqlDB's answers", () => {
  test('/query-stream delimited rows become windows by column name', () => {
    const q = parseQueryStream(
      '{"queryId":"q1","columnNames":["PAGE","WINDOWSTART","WINDOWEND","VIEWS","TOTAL_TIME"],"columnTypes":[]}\n["home",0,60000,2,10]\n["cart",60000,120000,1,4]\n',
    );
    expect(q).toEqual({
      columns: ['PAGE', 'WINDOWSTART', 'WINDOWEND', 'VIEWS', 'TOTAL_TIME'],
      rows: [
        ['home', 0, 60000, 2, 10],
        ['cart', 60000, 120000, 1, 4],
      ],
    });
    expect(rowsToWindows(q as never, 'PAGE')).toEqual({
      windows: [
        { key: 'cart', start: 60000, end: 120000, value: { count: 1, sum: 4 } },
        { key: 'home', start: 0, end: 60000, value: { count: 2, sum: 10 } },
      ],
    });
    expect(rowsToWindows(q as never, 'USER_ID')).toEqual({ missingColumns: ['USER_ID'] });
  });
  test('an error object instead of a header or after rows is a refusal', () => {
    expect(
      parseQueryStream('{"@type":"statement_error","error_code":40001,"message":"VIEWS_X does not exist."}'),
    ).toEqual({ refused: 'VIEWS_X does not exist.' });
    expect(parseQueryStream('{"columnNames":["A"]}\n[1]\n{"message":"query failed"}\n')).toEqual({
      refused: 'query failed',
    });
  });
  test('the enriched topic: JSON values by column name, case-insensitive; other values unreadable', () => {
    expect(parseEnriched('u1', '{"PAGE":"home","TIME_SPENT":5,"VIEWTIME":7,"REGION":null}')).toEqual({
      user: 'u1',
      page: 'home',
      viewtime: 7,
      timeSpent: 5,
      region: null,
    });
    expect(parseEnriched(null, '{"user_id":"u2","page":"cart","time_spent":1,"viewtime":8,"region":"EU"}')).toEqual({
      user: 'u2',
      page: 'cart',
      viewtime: 8,
      timeSpent: 1,
      region: 'EU',
    });
    expect(parseEnriched('u1', 'not json')).toBeUndefined();
    expect(parseEnriched('u1', null)).toBeUndefined();
  });
});
