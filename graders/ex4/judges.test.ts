import { describe, expect, it } from 'vitest';
import { judgeApiErrors } from './checks/api-errors.js';
import { captureLatencies, changeEvents, judgeCdc, judgeRoute, unwrapDeleteHint, type CdcObs } from './checks/cdc.js';
import { judgeConfigs } from './checks/configs-valid.js';
import { judgeCreated, judgePropagation, type PropagationObs } from './checks/filestream.js';
import { judgeDelete, judgePause, judgeRestart, judgeUpdate } from './checks/management.js';
import { parseConfig } from './configs.js';
import { withEx4Hint } from './prepare.js';
import { SolutionError } from '../../core/errors.js';

const ok = (status: number, text = '') => ({ status, ms: 5, text });
const running = { connector: 'RUNNING', tasks: [{ id: 0, state: 'RUNNING' }] };
const pausedState = { connector: 'PAUSED', tasks: [{ id: 0, state: 'PAUSED' }] };
const rec = (offset: number, value: string, exact = true) => ({
  offset,
  value,
  timestampMs: 0,
  seenAtMs: 1000 + offset * 10,
  exact,
});

describe('parseConfig', () => {
  const env = { DIR: '/d', TOPIC: 't-1' };
  it('fills ${VAR} from the environment', () => {
    const c = parseConfig(
      'f.json',
      '{"name":"x","config":{"file":"${DIR}/a.txt","topic":"${TOPIC}","tasks.max":1}}',
      env,
    );
    expect(c.config).toEqual({ file: '/d/a.txt', topic: 't-1', 'tasks.max': '1' });
  });
  it('reports a missing file, bad JSON, no config, unknown variables', () => {
    expect(parseConfig('f.json', undefined, env).problem).toMatch(/missing/);
    expect(parseConfig('f.json', '{', env).problem).toMatch(/not JSON/);
    expect(parseConfig('f.json', '{"name":"x"}', env).problem).toMatch(/no "config"/);
    expect(parseConfig('f.json', '{"config":{"file":"${NOPE}"}}', env).problem).toMatch(/\$\{NOPE\}/);
  });
});

describe('configs-valid', () => {
  it("fails with Connect's messages", () => {
    const j = judgeConfigs({
      files: [
        {
          file: 'a.json',
          connectorClass: 'FileStreamSink',
          validation: { errorCount: 1, errors: ['topics: Must configure one of topics or topics.regex'] },
        },
      ],
    });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(/Must configure one of topics/);
  });
  it('passes with no error', () => {
    expect(
      judgeConfigs({
        files: [{ file: 'a.json', connectorClass: 'FileStreamSource', validation: { errorCount: 0, errors: [] } }],
      }).status,
    ).toBe('pass');
  });
});

describe('filestream', () => {
  it('needs every connector and task RUNNING', () => {
    expect(
      judgeCreated({
        connectors: [{ key: 'fileSource', name: 's', file: 'f', sent: true, answer: ok(201), state: running }],
      }).status,
    ).toBe('pass');
    const failed = judgeCreated({
      connectors: [
        {
          key: 'fileSink',
          name: 'k',
          file: 'f',
          sent: true,
          answer: ok(201),
          state: {
            connector: 'RUNNING',
            tasks: [{ id: 0, state: 'FAILED', trace: 'java.io.IOException: boom\n at x' }],
          },
        },
      ],
    });
    expect(failed.status).toBe('fail');
    expect(failed.evidence.summary.en).toMatch(/FAILED.*boom/);
  });
  const base = (over: Partial<PropagationObs>): PropagationObs => ({
    topic: 't',
    onTopic: [
      { line: 'a', appendedAtMs: 1000, record: rec(0, 'a') },
      { line: 'b', appendedAtMs: 1000, record: rec(1, 'b') },
    ],
    inFile: [
      { line: 'a', appendedAtMs: 1000, seenAtMs: 1100 },
      { line: 'b', appendedAtMs: 1000, seenAtMs: 1120 },
    ],
    sinkContent: 'a\nb\n',
    ...over,
  });
  it('passes lines in order on the topic then the file, with latencies', () => {
    const j = judgePropagation(base({}));
    expect(j.status).toBe('pass');
    expect(j.evidence.data).toMatchObject({ topicP50Ms: 0, topicMaxMs: 10, fileP50Ms: 100, fileMaxMs: 120 });
  });
  it('fails wrapped lines (a JSON converter with schemas)', () => {
    const j = judgePropagation(
      base({
        onTopic: [
          { line: 'a', appendedAtMs: 1000, record: rec(0, '{"schema":{"type":"string"},"payload":"a"}', false) },
        ],
      }),
    );
    expect(j.evidence.summary.en).toMatch(/wrapped/);
  });
  it('fails lines out of order, or missing from the sink file', () => {
    expect(
      judgePropagation(
        base({
          onTopic: [
            { line: 'a', appendedAtMs: 0, record: rec(3, 'a') },
            { line: 'b', appendedAtMs: 0, record: rec(2, 'b') },
          ],
        }),
      ).evidence.summary.en,
    ).toMatch(/out of order/);
    expect(judgePropagation(base({ inFile: [{ line: 'a', appendedAtMs: 0 }] })).evidence.summary.en).toMatch(
      /never reached the sink file/,
    );
  });
});

describe('api-relays-errors', () => {
  const valid = { name: 'p', answer: ok(201), existsInConnect: true };
  const msg = 'Must configure one of topics or topics.regex';
  it('needs the success path first', () => {
    expect(
      judgeApiErrors({ valid: { ...valid, answer: ok(503), existsInConnect: false }, connectMessage: msg }).evidence
        .summary.en,
    ).toMatch(/Precondition not met/);
  });
  it("needs a 4xx carrying Connect's message", () => {
    expect(
      judgeApiErrors({
        valid,
        invalid: { name: 'i', answer: ok(200, `{"message":"${msg}"}`), existsInConnect: false },
        connectMessage: msg,
      }).status,
    ).toBe('fail');
    expect(
      judgeApiErrors({
        valid,
        invalid: { name: 'i', answer: ok(400, 'bad request'), existsInConnect: false },
        connectMessage: msg,
      }).evidence.summary.en,
    ).toMatch(/without Connect's message/);
    expect(
      judgeApiErrors({
        valid,
        invalid: { name: 'i', answer: ok(400, `{"message":"${msg}"}`), existsInConnect: false },
        connectMessage: msg,
      }).status,
    ).toBe('pass');
  });
});

describe('management', () => {
  it('update-live needs the new file in Connect and a line in it', () => {
    expect(judgeUpdate({ file: '/f2', answer: ok(200), configuredFile: '/f1' }).status).toBe('fail');
    expect(
      judgeUpdate({
        file: '/f2',
        answer: ok(200),
        configuredFile: '/f2',
        state: running,
        line: { line: 'x', appendedAtMs: 0, seenAtMs: 5 },
      }).status,
    ).toBe('pass');
  });
  const before = [{ line: 'x', appendedAtMs: 0, record: rec(0, 'x') }];
  it('pause-resume needs a line before, PAUSED in Connect, nothing leaked, and the backlog', () => {
    expect(judgePause({ before: [{ line: 'x', appendedAtMs: 0 }] }).evidence.summary.en).toMatch(/Precondition/);
    expect(judgePause({ before, pauseAnswer: ok(202), pausedState: running, leaked: 2 }).evidence.summary.en).toMatch(
      /reports the source RUNNING.*2 line/,
    );
    expect(
      judgePause({
        before,
        pauseAnswer: ok(202),
        pausedState,
        leaked: 0,
        resumeAnswer: ok(202),
        resumedState: running,
        backlog: [{ line: 'y', appendedAtMs: 0, record: rec(1, 'y') }],
      }).status,
    ).toBe('pass');
  });
  it('restart-failed-task needs the FAILED task first, then RUNNING and writing', () => {
    expect(judgeRestart({ failedState: running }).evidence.summary.en).toMatch(/Precondition/);
    const failed = { connector: 'RUNNING', tasks: [{ id: 0, state: 'FAILED', trace: 'ConnectException: folder' }] };
    expect(judgeRestart({ failedState: failed, restartAnswer: ok(404), restartedState: failed }).status).toBe('fail');
    expect(
      judgeRestart({
        failedState: failed,
        restartAnswer: ok(204),
        restartedState: running,
        line: { line: 'z', appendedAtMs: 0, seenAtMs: 9 },
      }).status,
    ).toBe('pass');
  });
  it("judges the service's answer once Connect shows the operation worked (a relay that parses Connect's empty body)", () => {
    const broken = ok(500, '{"error":"Unexpected end of JSON input"}');
    const backlog = [{ line: 'y', appendedAtMs: 0, record: rec(1, 'y') }];
    const pause = judgePause({
      before,
      pauseAnswer: broken,
      pausedState,
      leaked: 0,
      resumeAnswer: ok(202),
      resumedState: running,
      backlog,
    });
    expect(pause.status).toBe('fail');
    expect(pause.evidence.summary.en).toMatch(
      /pause sent to your service got 500 .*Unexpected end of JSON input.*Connect accepted the request .*answers 202 \(empty body\)/,
    );
    expect(pause.evidence.summary.en).not.toMatch(/resume/);
    const failed = { connector: 'RUNNING', tasks: [{ id: 0, state: 'FAILED', trace: 'ConnectException: folder' }] };
    expect(
      judgeRestart({
        failedState: failed,
        restartAnswer: broken,
        restartedState: running,
        line: { line: 'z', appendedAtMs: 0, seenAtMs: 9 },
      }).evidence.summary.en,
    ).toMatch(/restart sent to your service got 500 .*answers 204/);
    const del = judgeDelete({
      connectors: [
        { name: 'a', existedBefore: true, answer: ok(204), existsAfter: false },
        { name: 'b', existedBefore: true, answer: broken, existsAfter: false },
      ],
    });
    expect(del.status).toBe('fail');
    expect(del.evidence.summary.en).toMatch(/^DELETE \/connectors\/b sent to your service got 500/);
    expect(
      judgeUpdate({
        file: '/f2',
        answer: ok(500),
        configuredFile: '/f2',
        state: running,
        line: { line: 'x', appendedAtMs: 0, seenAtMs: 5 },
      }).evidence.summary.en,
    ).toMatch(/config sent to your service got 500 .*answers 200/);
    // A service that never answered is named as such.
    expect(
      judgeDelete({
        connectors: [{ name: 'a', existedBefore: true, answer: { status: 'timeout', ms: 30000 }, existsAfter: false }],
      }).evidence.summary.en,
    ).toMatch(/got no answer within 30\.0 s/);
  });
  it('a success answered with another 2xx (a relay that answers 200 to everything) is not charged by every operation', () => {
    const backlog = [{ line: 'y', appendedAtMs: 0, record: rec(1, 'y') }];
    expect(
      judgePause({
        before,
        pauseAnswer: ok(200, ''),
        pausedState,
        leaked: 0,
        resumeAnswer: ok(200, ''),
        resumedState: running,
        backlog,
      }).status,
    ).toBe('pass');
    const failed = { connector: 'RUNNING', tasks: [{ id: 0, state: 'FAILED', trace: 'ConnectException: folder' }] };
    expect(
      judgeRestart({
        failedState: failed,
        restartAnswer: ok(200, ''),
        restartedState: running,
        line: { line: 'z', appendedAtMs: 0, seenAtMs: 9 },
      }).status,
    ).toBe('pass');
    expect(
      judgeDelete({ connectors: [{ name: 'a', existedBefore: true, answer: ok(200, ''), existsAfter: false }] }).status,
    ).toBe('pass');
  });
  it('delete needs connectors that existed, then gone', () => {
    expect(judgeDelete({ connectors: [{ name: 'a', existedBefore: false }] }).evidence.summary.en).toMatch(
      /Precondition/,
    );
    expect(
      judgeDelete({ connectors: [{ name: 'a', existedBefore: true, answer: ok(200), existsAfter: true }] }).status,
    ).toBe('fail');
    expect(
      judgeDelete({ connectors: [{ name: 'a', existedBefore: true, answer: ok(204), existsAfter: false }] }).status,
    ).toBe('pass');
  });
});

describe('cdc', () => {
  const wr = (offset: number, key: string | null, value: string | null) => ({
    partition: 0,
    offset,
    key,
    value,
    timestampMs: 0,
    seenAtMs: 0,
  });
  it('reads Debezium events with or without a JSON schema, and tombstones', () => {
    const events = changeEvents('t', [
      wr(0, '{"id":1}', '{"before":null,"after":{"id":1,"content":"a"},"op":"r"}'),
      wr(1, '{"schema":{},"payload":{"id":2}}', '{"schema":{},"payload":{"before":{"id":2},"after":null,"op":"d"}}'),
      wr(2, '{"id":2}', null),
    ]);
    expect(events.map((e) => [e.op, e.keyId, e.rowId])).toEqual([
      ['r', 1, 1],
      ['d', 2, 2],
      ['tombstone', 2, undefined],
    ]);
  });
  it('reads events flattened by ExtractNewRecordState: __op or op, a rewritten delete, with or without a schema', () => {
    const events = changeEvents('t', [
      wr(0, '{"id":1}', '{"id":1,"type":"LIKE","user_id":"u-1","content":"snapshot 1","__op":"r","__deleted":"false"}'),
      wr(1, '{"id":3}', '{"schema":{},"payload":{"id":3,"content":"inserted","__op":"c"}}'),
      wr(2, '{"id":1}', '{"id":1,"content":"updated","op":"u"}'),
      wr(3, '{"id":2}', '{"id":2,"content":"snapshot 2","__op":"d","__deleted":"true"}'),
      wr(4, '{"id":2}', null),
      wr(5, '{"id":4}', '{"id":4,"content":"x","__deleted":"true"}'),
      wr(6, '{"id":5}', '{"id":5,"content":"no op"}'),
      wr(7, '{"id":6}', 'not json'),
    ]);
    expect(events.map((e) => [e.op, e.form, e.keyId, e.rowId])).toEqual([
      ['r', 'flat', 1, 1],
      ['c', 'flat', 3, 3],
      ['u', 'flat', 1, 1],
      ['d', 'flat', 2, 2],
      ['tombstone', undefined, 2, undefined],
      ['d', 'flat', 4, 4],
      ['?', 'flat', 5, 5],
      ['?', undefined, 6, undefined],
    ]);
    expect(events[7]!.value).toBe('not json');
  });
  const obs = (over: Partial<CdcObs>): CdcObs => ({
    connector: 'pg',
    sent: true,
    answer: ok(201),
    state: running,
    snapshotIds: [1, 2],
    changes: [
      { op: 'c', id: 3 },
      { op: 'u', id: 1 },
      { op: 'd', id: 2 },
    ],
    events: [],
    topics: { routed: 'cdc', natural: 'db.public.t' },
    ...over,
  });
  const ev = (op: string, id: number, rowId: number | undefined = id) => ({
    topic: 'cdc',
    offset: 0,
    keyId: id,
    op,
    rowId,
  });
  it('passes the snapshot then c, u, d and the tombstone', () => {
    const j = judgeCdc(
      obs({ events: [ev('r', 1), ev('r', 2), ev('c', 3), ev('u', 1), ev('d', 2), ev('tombstone', 2, undefined)] }),
    );
    expect(j.status).toBe('pass');
    const timed = obs({ changes: [{ op: 'c', id: 3, atMs: 100 }], events: [{ ...ev('c', 3), seenAtMs: 350 }] });
    expect(captureLatencies(timed)).toEqual([250]);
  });
  it('names what is missing, and the plugin.name fix for a decoderbufs trace', () => {
    expect(
      judgeCdc(obs({ events: [ev('r', 1), ev('r', 2), ev('c', 3), ev('u', 1), ev('d', 2)] })).evidence.summary.en,
    ).toMatch(/missing.*tombstone key id=2/);
    const failed = {
      connector: 'RUNNING',
      tasks: [
        { id: 0, state: 'FAILED', trace: 'ERROR: could not access file "decoderbufs": No such file or directory' },
      ],
    };
    expect(judgeCdc(obs({ state: failed })).evidence.summary.en).toMatch(/plugin\.name": "pgoutput"/);
  });
  const flat = (op: string, id: number) => ({ ...ev(op, id), form: 'flat' as const });
  it('credits the capture flattened by ExtractNewRecordState, and names the option that drops what is missing', () => {
    const all = [flat('r', 1), flat('r', 2), flat('c', 3), flat('u', 1), flat('d', 2), ev('tombstone', 2, undefined)];
    const j = judgeCdc(obs({ events: all }));
    expect(j.status).toBe('pass');
    expect(j.evidence.summary.en).toMatch(/flattened by ExtractNewRecordState/);
    const noTombstone = judgeCdc(obs({ events: all.slice(0, 5) }));
    expect(noTombstone.evidence.summary.en).toMatch(/missing.*tombstone key id=2.*drop\.tombstones": "false"/);
    expect(judgeCdc(obs({ events: all.slice(0, 4) })).evidence.summary.en).toMatch(
      /op=d id=2.*delete\.tombstone\.handling\.mode": "rewrite-with-tombstone"/,
    );
    expect(unwrapDeleteHint(['op=c id=3'])).toBeUndefined();
  });
  it('says when flattened events carry no operation, instead of "no change event"', () => {
    const j = judgeCdc(obs({ events: [flat('?', 1), flat('?', 2), flat('?', 3)] }));
    expect(j.evidence.summary.en).toMatch(
      /3 row\(s\) of the table arrived flattened by ExtractNewRecordState .*add\.fields": "op"/,
    );
    const unreadable = judgeCdc(obs({ events: [{ topic: 'cdc', offset: 0, op: '?', value: 'hello' }] }));
    expect(unreadable.evidence.summary.en).toMatch(
      /no change event of the table reached .*the first one holds "hello"/,
    );
  });
  it('cdc-route-smt needs events, all on the routed topic', () => {
    expect(
      judgeRoute({ captured: 0, routed: { topic: 'cdc', count: 0 }, natural: { topic: 'n', count: 0 } }).evidence
        .summary.en,
    ).toMatch(/Precondition/);
    expect(
      judgeRoute({ captured: 6, routed: { topic: 'cdc', count: 0 }, natural: { topic: 'n', count: 6 } }).status,
    ).toBe('fail');
    expect(
      judgeRoute({ captured: 6, routed: { topic: 'cdc', count: 6 }, natural: { topic: 'n', count: 0 } }).status,
    ).toBe('pass');
  });
});

describe('a service that does not start', () => {
  it('keeps the start-up error and puts what ex4 runs in front of its hint', () => {
    const e = withEx4Hint(
      new SolutionError(
        'start',
        { fr: 'arrêtée (code 0)', en: 'stopped (code 0)' },
        { fr: 'Lisez la sortie.', en: 'Read the output.' },
        'last lines',
      ),
    );
    expect(e.kind).toBe('start');
    expect(e.localized.en).toBe('stopped (code 0)');
    expect(e.output).toBe('last lines');
    expect(e.hint.en).toMatch(
      /^ex4 runs, besides the connectors\/\*\.json files, your management HTTP service: it listens on PORT .*only configs-valid is judged\. Read the output\.$/,
    );
    expect(e.hint.fr).toMatch(/service HTTP de gestion.*Lisez la sortie\.$/);
  });
});
