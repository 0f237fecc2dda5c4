import { describe, expect, it } from 'vitest';
import type { ExitInfo } from '../../runner/solution-process.js';
import { judgeBothDirections, type BothDirectionsObs } from './checks/both-directions.js';
import { judgeCompatibility } from './checks/compatibility-level.js';
import { judgeConsume, parsePrinted, type ConsumeObs } from './checks/consumer-writer-schema.js';
import { judgeOptionalAccepted, type OptionalObs } from './checks/optional-field-accepted.js';
import { judgeRequiredRefused, type RequiredObs } from './checks/required-field-refused.js';
import { judgeWireFormat, v1Dead, type WireObs } from './checks/wire-format.js';
import { expectedNews } from './contract.js';
import type { DecodedRecord } from './decode.js';
import { outcomeLine } from './outcome-line.js';
import { isNews, isOptionalTest, recordShape, withRequiredTest } from './schemas.js';

const exit: ExitInfo = { code: 0, signal: null, timedOut: false, flooded: false, durationMs: 900 };
const V1 = JSON.stringify({
  type: 'record',
  name: 'News',
  namespace: 'n',
  fields: [
    { name: 'title', type: 'string' },
    { name: 'media', type: 'string' },
  ],
});
const V2 = JSON.stringify({
  type: 'record',
  name: 'News',
  namespace: 'n',
  fields: [
    { name: 'title', type: 'string' },
    { name: 'media', type: 'string' },
    { name: 'test', type: ['null', 'string'], default: null },
  ],
});
const REQUIRED = withRequiredTest(V1)!;

const decoded = (news: Record<string, unknown>[], schemaId: number): DecodedRecord[] =>
  news.map((value, i) => ({ partition: 0, offset: i, wire: 'ok', schemaId, value }));

function wire(over: Partial<WireObs> = {}): WireObs {
  const expected = expectedNews('p', 3);
  return {
    topic: 't',
    subject: 't-value',
    exitCode: 0,
    expected,
    records: decoded(expected, 4),
    v1: { status: 200, id: 4, schema: V1, text: '' },
    idSchemas: { 4: { status: 200, schema: V1 } },
    unrelatedIds: [1, 2, 3],
    ...over,
  };
}

describe('ex5 schemas', () => {
  it('recognises News, the optional test field and builds the required change', () => {
    expect(isNews(recordShape(V1))).toBe(true);
    expect(isNews(recordShape('{"type":"record","name":"Other","fields":[]}'))).toBe(false);
    expect(isNews(recordShape('not json'))).toBe(false);
    expect(isOptionalTest(recordShape(V2)!.fields[2])).toBe(true);
    expect(isOptionalTest(recordShape(REQUIRED)!.fields[2])).toBe(false);
    expect(isOptionalTest({ name: 'test', type: ['string', 'null'], default: null, hasDefault: true })).toBe(false);
  });
});

describe('ex5 wire-format', () => {
  it('passes records in the wire format with version 1 id', () => {
    expect(judgeWireFormat(wire()).status).toBe('pass');
  });
  it('fails JSON values and shows their first bytes', () => {
    const j = judgeWireFormat(
      wire({ records: [{ partition: 0, offset: 0, wire: 'magic', firstBytes: '7b227469746c6522' }] }),
    );
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(/not in the registry's wire format.*7b22/);
  });
  it('fails a hard-coded id that is not version 1', () => {
    const j = judgeWireFormat(
      wire({
        records: decoded(expectedNews('p', 3), 1),
        idSchemas: { 1: { status: 200, schema: '{"type":"record","name":"Unrelated0","fields":[]}' } },
      }),
    );
    expect(j.evidence.summary.en).toMatch(/carry schema id 1 .*Unrelated0.*not the id of "t-value" version 1 \(4\)/);
  });
  it('names a later version of the same subject as such, not as an id written by hand', () => {
    const j = judgeWireFormat(
      wire({
        records: decoded(expectedNews('p', 3), 5),
        idSchemas: { 5: { status: 200, schema: V1, registeredAs: [{ subject: 't-value', version: 2 }] } },
      }),
    );
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /carry id 5, version 2 of "t-value" \(the same fields as version 1\), not version 1's id \(4\)/,
    );
    expect(j.evidence.summary.en).not.toMatch(/by hand|another subject/);
    expect(j.evidence.summary.fr).toMatch(/la version 2 de « t-value » \(mêmes champs que la version 1\)/);
  });
  it('fails a subject without version 1 and says where the id is registered (another subject name)', () => {
    const j = judgeWireFormat(
      wire({
        v1: { status: 404, text: '{"error_code":40401}' },
        idSchemas: { 4: { status: 200, schema: V1, registeredAs: [{ subject: 'n.News', version: 1 }] } },
      }),
    );
    expect(j.evidence.summary.en).toMatch(/holds no version 1 .*id 4 \(registered as "n.News" version 1\)/);
  });
  it('fails records that decode to other values', () => {
    const j = judgeWireFormat(wire({ records: decoded([{ title: 'x', media: 'y' }], 4) }));
    expect(j.evidence.summary.en).toMatch(/0 of the 3 News sent are found/);
  });
  it('no record and no version is a dead solution', () => {
    const o = wire({ records: [], v1: { status: 404, text: '' } });
    expect(v1Dead(o)).toBe(true);
    expect(judgeWireFormat(o).evidence.summary.en).toMatch(/wrote no record/);
  });
});

describe('ex5 consumer-writer-schema', () => {
  const sent = [{ partition: 1, offset: 7, title: 'w-0', media: 'm-0' }];
  const obs = (lines: string[]): ConsumeObs => ({
    topic: 't',
    writerSchemaId: 9,
    sent,
    total: 1,
    ...(() => {
      const p = parsePrinted(lines);
      return { printed: p.printed, unreadableLines: p.unreadable };
    })(),
    exit,
  });
  it('passes a record printed with its values', () => {
    expect(
      judgeConsume(obs(['{"partition":1,"offset":"7","value":{"source":"s","media":"m-0","title":"w-0"}}'])).status,
    ).toBe('pass');
  });
  it('fails a record read with a local schema (values shifted) or an error line', () => {
    expect(
      judgeConsume(obs(['{"partition":1,"offset":7,"value":{"title":"s","media":"m-0"}}'])).evidence.summary.en,
    ).toMatch(/0 of the 1 records the grader wrote/);
    expect(judgeConsume(obs(['{"partition":1,"offset":7,"error":"trailing data"}'])).evidence.summary.en).toMatch(
      /trailing data/,
    );
  });
  it('fails a consumer that printed nothing', () => {
    expect(judgeConsume(obs(['hello'])).evidence.summary.en).toMatch(/consume printed no record .*hello/);
  });
});

function required(over: Partial<RequiredObs> = {}): RequiredObs {
  return {
    subject: 's',
    v1: { status: 200, isNews: true, text: '' },
    versionsAfter: { status: 200, versions: [1], text: '[1]' },
    recordsWritten: 0,
    held: { status: 200, level: 'BACKWARD', text: '' },
    probe: { status: 200, compatible: false, text: '' },
    line: { outcome: 'refused', status: 409, compatibility: 'BACKWARD' },
    exit,
    lastLines: [],
    ...over,
  };
}

describe('ex5 required-field-refused', () => {
  it('passes a reported 409 with nothing registered', () => {
    expect(judgeRequiredRefused(required()).status).toBe('pass');
  });
  it('gives no credit without a first registration', () => {
    expect(
      judgeRequiredRefused(required({ v1: { status: 404, isNews: false, text: '' } })).evidence.summary.en,
    ).toMatch(/No News version 1/);
  });
  it('fails a change that went through, a NONE level, a silent program, another status', () => {
    expect(
      judgeRequiredRefused(required({ versionsAfter: { status: 200, versions: [1, 2], text: '' } })).evidence.summary
        .en,
    ).toMatch(/was registered/);
    expect(
      judgeRequiredRefused(required({ held: { status: 200, level: 'NONE', text: '' } })).evidence.summary.en,
    ).toMatch(/compatibility level NONE/);
    expect(judgeRequiredRefused(required({ line: undefined, lastLines: ['boom'] })).evidence.summary.en).toMatch(
      /did not report.*boom/,
    );
    expect(judgeRequiredRefused(required({ line: { outcome: 'refused', status: 500 } })).status).toBe('fail');
    expect(judgeRequiredRefused(required({ recordsWritten: 2 })).evidence.summary.en).toMatch(/wrote 2 record/);
  });
  it('judges the versions the role added, not those produce-v1 left, and quotes what the program printed', () => {
    const twoBefore = {
      versionsBefore: { status: 200, versions: [1, 2], text: '[1,2]' },
      versionsAfter: { status: 200, versions: [1, 2], text: '[1,2]' },
    };
    expect(judgeRequiredRefused(required(twoBefore)).status).toBe('pass');
    expect(judgeRequiredRefused(required(twoBefore)).evidence.summary.en).toMatch(/still holds versions \[1, 2\] only/);
    const added = judgeRequiredRefused(
      required({
        versionsBefore: { status: 200, versions: [1], text: '[1]' },
        versionsAfter: { status: 200, versions: [1, 2], text: '' },
        line: { outcome: 'registered' },
      }),
    );
    expect(added.evidence.summary.en).toMatch(
      /During produce-v2-required, "s" went from versions \[1\] to \[1, 2\]: the change was registered \(the program printed \{"outcome":"registered"\}\)/,
    );
    expect(added.evidence.summary.en).not.toMatch(/now holds/);
  });
});

describe('ex5 compatibility-level', () => {
  it('passes when the claim is the level held', () => {
    expect(
      judgeCompatibility({
        subject: 's',
        v1Status: 200,
        held: { status: 200, level: 'BACKWARD', text: '' },
        claimed: 'BACKWARD',
      }).status,
    ).toBe('pass');
  });
  it('fails NONE, or a claim the registry does not hold', () => {
    expect(
      judgeCompatibility({
        subject: 's',
        v1Status: 200,
        held: { status: 200, level: 'NONE', text: '' },
        claimed: 'NONE',
      }).evidence.summary.en,
    ).toMatch(/holds level NONE/);
    expect(
      judgeCompatibility({ subject: 's', v1Status: 200, held: { status: 200, level: 'BACKWARD', text: '' } }).evidence
        .summary.en,
    ).toMatch(/reports level \(nothing\)/);
  });
});

describe('ex5 optional-field-accepted', () => {
  const o = (over: Partial<OptionalObs>): OptionalObs => ({
    subject: 's',
    v1: { status: 200, isNews: true },
    versions: { status: 200, versions: [1, 2], text: '' },
    v2: { status: 200, id: 6, schema: V2 },
    exit,
    lastLines: [],
    ...over,
  });
  it('passes exactly [1, 2] with the optional field', () => {
    expect(judgeOptionalAccepted(o({})).status).toBe('pass');
  });
  it('fails version 1 only, extra versions, and a required version 2', () => {
    expect(
      judgeOptionalAccepted(o({ versions: { status: 200, versions: [1], text: '' } })).evidence.summary.en,
    ).toMatch(/holds version 1 only/);
    expect(
      judgeOptionalAccepted(o({ versions: { status: 200, versions: [1, 2, 3], text: '' } })).evidence.summary.en,
    ).toMatch(/expected exactly \[1, 2\]/);
    expect(
      judgeOptionalAccepted(o({ versionsBefore: [1, 2], versions: { status: 200, versions: [1, 2, 3], text: '' } }))
        .evidence.summary.en,
    ).toMatch(/holds versions \[1, 2, 3\] \(before produce-v2: \[1, 2\]\)/);
    expect(judgeOptionalAccepted(o({ v2: { status: 200, id: 6, schema: REQUIRED } })).evidence.summary.en).toMatch(
      /not News with an optional test/,
    );
  });
});

describe('ex5 both-directions', () => {
  const v1 = expectedNews('a', 2);
  const v2 = expectedNews('b', 2, true);
  const o = (over: Partial<BothDirectionsObs> = {}): BothDirectionsObs => ({
    subject: 's',
    v1Id: 4,
    v2Id: 6,
    v2Records: decoded(v2, 6),
    newByOld: decoded(
      v2.map(({ title, media }) => ({ title, media })),
      6,
    ),
    oldByNew: decoded(
      v1.map((n) => ({ ...n, test: null })),
      4,
    ),
    expectedV1: v1,
    expectedV2: v2,
    ...over,
  });
  it('passes both directions', () => {
    expect(judgeBothDirections(o()).status).toBe('pass');
  });
  it('fails records with another id, and an old reader that fails', () => {
    expect(judgeBothDirections(o({ v2Records: decoded(v2, 2) })).evidence.summary.en).toMatch(
      /carry 2, not version 2's id \(6\)/,
    );
    expect(
      judgeBothDirections(o({ newByOld: [{ partition: 0, offset: 0, wire: 'ok', schemaId: 6, decodeError: 'bad' }] }))
        .evidence.summary.en,
    ).toMatch(/old reader .* bad/);
    expect(judgeBothDirections(o({ v2Id: undefined })).evidence.summary.en).toMatch(/does not hold versions 1 and 2/);
  });
});

describe('ex5 outcome line', () => {
  it('reads the last outcome line and ignores other output', () => {
    expect(outcomeLine(['x', '{"outcome":"refused","status":"409","compatibility":"backward"}'])).toEqual({
      outcome: 'refused',
      status: 409,
      compatibility: 'BACKWARD',
    });
    expect(outcomeLine(['{"a":1}', 'nope'])).toBeUndefined();
  });
});
