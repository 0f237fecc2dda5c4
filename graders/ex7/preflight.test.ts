import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  durationText,
  groupByColumns,
  notDdl,
  preflightHints,
  timestampColumn,
  valueFormat,
  windowClause,
  windowOf,
} from './preflight.js';
import { splitStatements } from './statements.js';

const reference = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../fixtures/ex7/reference/ksql/solution.sql'),
  'utf8',
);
const hintsOf = (sql: string) => preflightHints(splitStatements('s.sql', sql));
const ids = (sql: string) => hintsOf(sql).map((h) => `${h.id}:${h.object}`);

describe('pre-flight reading of the statements', () => {
  test('the reference gives no hint', () => {
    expect(hintsOf(reference)).toEqual([]);
  });
  test('TUMBLING where HOPPING is asked', () => {
    const sql = reference.replace(
      'WINDOW HOPPING (SIZE 2 MINUTES, ADVANCE BY 1 MINUTE)',
      'WINDOW TUMBLING (SIZE 2 MINUTES)',
    );
    expect(ids(sql)).toEqual(['tumbling-as-hopping:VIEWS_HOPPING']);
    expect(hintsOf(sql)[0]!.message.en).toMatch(
      /VIEWS_HOPPING \(s\.sql:21\) uses WINDOW TUMBLING where WINDOW HOPPING is asked/,
    );
  });
  test('no TIMESTAMP= in the stream: processing (write) time', () => {
    expect(ids(reference.replace(", TIMESTAMP='VIEWTIME'", ''))).toEqual(['no-timestamp:PAGEVIEWS']);
    expect(ids(reference.replace("TIMESTAMP='VIEWTIME'", "TIMESTAMP='PAGE'"))).toEqual(['timestamp-column:PAGEVIEWS']);
  });
  test('STREAM where TABLE is asked, and the reverse', () => {
    expect(ids(reference.replace('CREATE TABLE USERS', 'CREATE STREAM USERS'))).toEqual(['stream-as-table:USERS']);
    expect(ids(reference.replace('CREATE STREAM PAGEVIEWS_ENRICHED', 'CREATE TABLE PAGEVIEWS_ENRICHED'))).toEqual([
      'table-as-stream:PAGEVIEWS_ENRICHED',
    ]);
  });
  test('a GROUP BY other than the one asked', () => {
    const sql = reference.replace(
      'WINDOW TUMBLING (SIZE 1 MINUTE)\n  GROUP BY PAGE',
      'WINDOW TUMBLING (SIZE 1 MINUTE)\n  GROUP BY USER_ID',
    );
    expect(ids(sql)).toEqual(['group-by:VIEWS_TUMBLING']);
    expect(ids(reference.replace('GROUP BY USER_ID', 'GROUP BY USER_ID, PAGE'))).toEqual(['group-by:USER_SESSIONS']);
  });
  test('a literal topic name, a missing object, no window', () => {
    expect(ids(reference.replace("KAFKA_TOPIC='${users_topic}'", "KAFKA_TOPIC='users'"))).toEqual([
      'topic-not-variable:USERS',
    ]);
    const i = reference.indexOf('CREATE TABLE USER_SESSIONS');
    expect(ids(reference.slice(0, i) + reference.slice(reference.indexOf(';', i) + 1))).toEqual([
      'missing-object:USER_SESSIONS',
    ]);
    expect(ids(reference.replace('  WINDOW SESSION (60 SECONDS)\n', ''))).toEqual(['no-window:USER_SESSIONS']);
  });
  test('window size and advance other than asked, a short grace period', () => {
    const bigger = reference.replace('WINDOW TUMBLING (SIZE 1 MINUTE)', 'WINDOW TUMBLING (SIZE 5 MINUTES)');
    expect(ids(bigger)).toEqual(['window-size:VIEWS_TUMBLING']);
    expect(hintsOf(bigger)[0]!.message.en).toMatch(
      /VIEWS_TUMBLING \(s\.sql:\d+\) has WINDOW TUMBLING \(SIZE 5 MINUTES\) where WINDOW TUMBLING \(SIZE 1 MINUTE\) is asked/,
    );
    const advance = reference.replace('ADVANCE BY 1 MINUTE', 'ADVANCE BY 30 SECONDS');
    expect(hintsOf(advance).map((h) => h.message.en)).toEqual([
      expect.stringMatching(
        /\(SIZE 2 MINUTES, ADVANCE BY 30 SECONDS\) where WINDOW HOPPING \(SIZE 2 MINUTES, ADVANCE BY 1 MINUTE\) is asked/,
      ),
    ]);
    expect(ids(reference.replace('WINDOW SESSION (60 SECONDS)', 'WINDOW SESSION (5 MINUTES)'))).toEqual([
      'window-size:USER_SESSIONS',
    ]);
    expect(ids(reference.replace('WINDOW SESSION (60 SECONDS)', 'WINDOW SESSION (1 MINUTE)'))).toEqual([]);
    expect(
      ids(
        reference.replace(
          'WINDOW TUMBLING (SIZE 1 MINUTE)',
          'WINDOW TUMBLING (SIZE 60 SECONDS, GRACE PERIOD 10 SECONDS)',
        ),
      ),
    ).toEqual(['short-grace:VIEWS_TUMBLING']);
    expect(
      ids(reference.replace('WINDOW TUMBLING (SIZE 1 MINUTE)', 'WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 1 HOUR)')),
    ).toEqual([]);
    expect(windowClause('WINDOW HOPPING (SIZE 2 MINUTES, ADVANCE BY 1 MINUTE, GRACE PERIOD 0 SECONDS)')).toMatchObject({
      type: 'HOPPING',
      sizeMs: 120_000,
      advanceMs: 60_000,
      graceMs: 0,
    });
    expect(durationText(90_000)).toBe('90 SECONDS');
  });
  test('a value format other than JSON, or none on a source', () => {
    expect(
      ids(
        reference.replace(
          "KAFKA_TOPIC='${users_topic}', VALUE_FORMAT='JSON'",
          "KAFKA_TOPIC='${users_topic}', VALUE_FORMAT='AVRO'",
        ),
      ),
    ).toEqual(['value-format:USERS']);
    const none = reference.replace(", VALUE_FORMAT='JSON', TIMESTAMP", ', TIMESTAMP');
    expect(hintsOf(none).map((h) => h.message.en)).toEqual([
      expect.stringMatching(/PAGEVIEWS \(s\.sql:3\) has no VALUE_FORMAT: the contract's records are JSON/),
    ]);
    expect(valueFormat("WITH (KAFKA_TOPIC='t', KEY_FORMAT='KAFKA', FORMAT='json')")).toBe('JSON');
  });
  test('statements that declare nothing, said with their file and line', () => {
    const sql = `${reference}\nSELECT * FROM VIEWS_TUMBLING EMIT CHANGES;\nPRINT 'x' FROM BEGINNING;\nSHOW QUERIES;\nTERMINATE CTAS_VIEWS_TUMBLING_3;\n`;
    const h = hintsOf(sql);
    expect(h.map((x) => x.id)).toEqual(['not-ddl', 'not-ddl', 'not-ddl', 'not-ddl']);
    expect(h[0]!.message.en).toMatch(
      /^s\.sql:\d+: "SELECT \* FROM VIEWS_TUMBLING EMIT CHANGES": a query \(SELECT\) declares no stream or table/,
    );
    expect(h[3]!.message.en).toMatch(/TERMINATE CTAS_VIEWS_TUMBLING_3.*ids differ/);
    expect(notDdl('INSERT INTO PAGEVIEWS SELECT * FROM OTHER;')).toBeUndefined();
    expect(notDdl('-- look\nselect 1 from x;')?.kind).toBe('query');
  });
  test('an object the contract does not name', () => {
    const sql = reference.replace('CREATE STREAM PAGEVIEWS_ENRICHED', 'CREATE STREAM ENRICHED');
    expect(ids(sql)).toEqual(['missing-object:PAGEVIEWS_ENRICHED', 'other-object:ENRICHED']);
    expect(hintsOf(sql)[1]!.message.en).toMatch(
      /declares ENRICHED, a name the contract does not use: the grader reads only PAGEVIEWS, .*; not declared: PAGEVIEWS_ENRICHED/,
    );
  });
  test('readers: aliases, quotes, comments and case', () => {
    expect(groupByColumns('SELECT ... FROM PAGEVIEWS p GROUP BY p.`page` EMIT CHANGES;')).toEqual(['PAGE']);
    expect(groupByColumns('SELECT * FROM A;')).toBeUndefined();
    expect(windowOf('-- WINDOW HOPPING\nSELECT 1 FROM A window tumbling (size 1 minute) GROUP BY X;')).toBe('TUMBLING');
    expect(timestampColumn("WITH (kafka_topic='t', timestamp = 'viewtime')")).toBe('VIEWTIME');
    expect(
      ids(reference.replace('CREATE TABLE VIEWS_TUMBLING', 'create or replace table if not exists `views_tumbling`')),
    ).toEqual([]);
  });
});
