import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { groupByColumns, preflightHints, timestampColumn, windowOf } from './preflight.js';
import { splitStatements } from './statements.js';

const reference = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/ex7/reference/ksql/solution.sql'), 'utf8');
const hintsOf = (sql: string) => preflightHints(splitStatements('s.sql', sql));
const ids = (sql: string) => hintsOf(sql).map((h) => `${h.id}:${h.object}`);

describe('pre-flight reading of the statements', () => {
  test('the reference gives no hint', () => {
    expect(hintsOf(reference)).toEqual([]);
  });
  test('TUMBLING where HOPPING is asked', () => {
    const sql = reference.replace('WINDOW HOPPING (SIZE 2 MINUTES, ADVANCE BY 1 MINUTE)', 'WINDOW TUMBLING (SIZE 2 MINUTES)');
    expect(ids(sql)).toEqual(['tumbling-as-hopping:VIEWS_HOPPING']);
    expect(hintsOf(sql)[0]!.message.en).toMatch(/VIEWS_HOPPING \(s\.sql:21\) uses WINDOW TUMBLING where WINDOW HOPPING is asked/);
  });
  test('no TIMESTAMP= in the stream: processing (write) time', () => {
    expect(ids(reference.replace(", TIMESTAMP='VIEWTIME'", ''))).toEqual(['no-timestamp:PAGEVIEWS']);
    expect(ids(reference.replace("TIMESTAMP='VIEWTIME'", "TIMESTAMP='PAGE'"))).toEqual(['timestamp-column:PAGEVIEWS']);
  });
  test('STREAM where TABLE is asked, and the reverse', () => {
    expect(ids(reference.replace('CREATE TABLE USERS', 'CREATE STREAM USERS'))).toEqual(['stream-as-table:USERS']);
    expect(ids(reference.replace('CREATE STREAM PAGEVIEWS_ENRICHED', 'CREATE TABLE PAGEVIEWS_ENRICHED'))).toEqual(['table-as-stream:PAGEVIEWS_ENRICHED']);
  });
  test('a GROUP BY other than the one asked', () => {
    const sql = reference.replace('WINDOW TUMBLING (SIZE 1 MINUTE)\n  GROUP BY PAGE', 'WINDOW TUMBLING (SIZE 1 MINUTE)\n  GROUP BY USER_ID');
    expect(ids(sql)).toEqual(['group-by:VIEWS_TUMBLING']);
    expect(ids(reference.replace('GROUP BY USER_ID', 'GROUP BY USER_ID, PAGE'))).toEqual(['group-by:USER_SESSIONS']);
  });
  test('a literal topic name, a missing object, no window', () => {
    expect(ids(reference.replace("KAFKA_TOPIC='${users_topic}'", "KAFKA_TOPIC='users'"))).toEqual(['topic-not-variable:USERS']);
    const i = reference.indexOf('CREATE TABLE USER_SESSIONS');
    expect(ids(reference.slice(0, i) + reference.slice(reference.indexOf(';', i) + 1))).toEqual(['missing-object:USER_SESSIONS']);
    expect(ids(reference.replace('  WINDOW SESSION (60 SECONDS)\n', ''))).toEqual(['no-window:USER_SESSIONS']);
  });
  test('readers: aliases, quotes, comments and case', () => {
    expect(groupByColumns('SELECT ... FROM PAGEVIEWS p GROUP BY p.`page` EMIT CHANGES;')).toEqual(['PAGE']);
    expect(groupByColumns('SELECT * FROM A;')).toBeUndefined();
    expect(windowOf('-- WINDOW HOPPING\nSELECT 1 FROM A window tumbling (size 1 minute) GROUP BY X;')).toBe('TUMBLING');
    expect(timestampColumn("WITH (kafka_topic='t', timestamp = 'viewtime')")).toBe('VIEWTIME');
    expect(ids(reference.replace('CREATE TABLE VIEWS_TUMBLING', 'create or replace table if not exists `views_tumbling`'))).toEqual([]);
  });
});
