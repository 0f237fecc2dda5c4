import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import type { ConnectorState } from '../../../kit/connect/connect-rest.js';
import { describeHttp, is2xx, type HttpOutcome } from '../../../kit/solution/http-service.js';
import { EX4_RULES } from '../contract.js';
import {
  allRunning,
  appendLines,
  describeState,
  freshLines,
  linesInFile,
  linesOnTopic,
  stateUntil,
  traceHead,
  type LineInFile,
  type LineOnTopic,
} from '../observe.js';
import type { Ex4Run } from '../prepare.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface CreatedObs {
  connectors: {
    key: string;
    name: string;
    file: string;
    sent: boolean;
    answer?: HttpOutcome;
    state?: ConnectorState;
  }[];
}

export function judgeCreated(o: CreatedObs): Judgement {
  const data = { ...o };
  const bad = o.connectors.filter((c) => !allRunning(c.state));
  if (bad.length) {
    const say = bad.map((c) => {
      const asked = c.sent
        ? `POST /connectors answered ${c.answer ? describeHttp(c.answer).en : 'nothing'}`
        : `not sent (${c.file} unusable)`;
      const trace = c.state?.tasks.find((t) => t.trace)?.trace;
      return `${c.name}: ${asked}; Connect reports it ${describeState(c.state)}${trace ? ` (trace: ${traceHead(trace)})` : ''}`;
    });
    return fail(
      { fr: `Connecteurs pas en RUNNING : ${say.join(' ; ')}.`, en: `Connectors not RUNNING: ${say.join('; ')}.` },
      data,
    );
  }
  return pass(
    {
      fr: `Créés par l'API de gestion, Connect les montre RUNNING avec leurs tâches : ${o.connectors.map((c) => c.name).join(', ')}.`,
      en: `Created through the management API, Connect shows them RUNNING with their tasks: ${o.connectors.map((c) => c.name).join(', ')}.`,
    },
    data,
  );
}

/** Whether the management API created anything at all: nothing later can work otherwise. */
export function createdNothing(o: CreatedObs): boolean {
  return o.connectors.every((c) => c.state === undefined);
}

export const filestreamRunning: CheckDefinition<Ex4Run, CreatedObs> = {
  id: 'filestream-running',
  title: {
    fr: "Source et sink FileStream créés par l'API, RUNNING",
    en: 'FileStream source and sink created through the API, RUNNING',
  },
  points: 2,
  hint: {
    fr: "L'API de gestion transmet POST /connectors à Connect (KGRADE_CONNECT_URL) ; vérifiez ensuite GET /connectors/<nom>/status (connecteur et tâches RUNNING, sinon lisez tasks[0].trace).",
    en: 'The management API forwards POST /connectors to Connect (KGRADE_CONNECT_URL); then check GET /connectors/<name>/status (connector and tasks RUNNING, else read tasks[0].trace).',
  },
  observe: (ctx, run) =>
    run.observe(ctx, 'filestream-running', async () => {
      const connectors: CreatedObs['connectors'] = [];
      for (const key of ['fileSource', 'fileSink'] as const) {
        const body = run.createBody(key);
        const answer = body ? await run.request('create', body.name, body) : undefined;
        connectors.push({ key, name: run.names[key], file: run.configs[key].file, sent: !!body, answer });
      }
      for (const c of connectors)
        c.state = await stateUntil(
          run,
          c.name,
          allRunning,
          c.answer && is2xx(c.answer.status) ? EX4_RULES.runningTimeoutMs : 2000,
        );
      const obs = { connectors };
      if (createdNothing(obs)) {
        const sent = connectors.find((x) => x.answer);
        const why = sent
          ? {
              fr: `POST /connectors a reçu ${describeHttp(sent.answer!).fr}`,
              en: `POST /connectors answered ${describeHttp(sent.answer!).en}`,
            }
          : {
              fr: `aucune configuration utilisable (${connectors.map((c) => c.file).join(', ')})`,
              en: `no usable configuration (${connectors.map((c) => c.file).join(', ')})`,
            };
        ctx.markDead({
          fr: `aucun connecteur n'existe dans Connect après les créations par l'API : ${why.fr}`,
          en: `no connector exists in Connect after the creations through the API: ${why.en}`,
        });
      }
      return obs;
    }),
  judge: judgeCreated,
};

export interface PropagationObs {
  topic: string;
  /** Set when the source is not RUNNING in Connect: nothing to propagate. */
  precondition?: string;
  onTopic: LineOnTopic[];
  inFile: LineInFile[];
  sinkContent: string;
}

/** ms from append to the topic record (its timestamp) and to the sink file, per line. */
export function latencies(o: PropagationObs): { topicMs: number[]; fileMs: number[] } {
  return {
    topicMs: o.onTopic.flatMap((l) => (l.record?.exact ? [Math.max(0, l.record.seenAtMs - l.appendedAtMs)] : [])),
    fileMs: o.inFile.flatMap((l) => (l.seenAtMs !== undefined ? [Math.max(0, l.seenAtMs - l.appendedAtMs)] : [])),
  };
}

export function judgePropagation(o: PropagationObs): Judgement {
  const lat = latencies(o);
  const figures = {
    topicP50Ms: pct(lat.topicMs, 50),
    topicMaxMs: pct(lat.topicMs, 100),
    fileP50Ms: pct(lat.fileMs, 50),
    fileMaxMs: pct(lat.fileMs, 100),
  };
  const data = { ...o, ...figures };
  if (o.precondition)
    return fail(
      { fr: `Précondition non remplie : ${o.precondition}.`, en: `Precondition not met: ${o.precondition}.` },
      data,
    );
  const missing = o.onTopic.filter((l) => !l.record);
  if (missing.length === o.onTopic.length)
    return fail(
      {
        fr: `Aucune des ${o.onTopic.length} lignes ajoutées au fichier source n'est arrivée dans ${o.topic}.`,
        en: `None of the ${o.onTopic.length} lines appended to the source file reached ${o.topic}.`,
      },
      data,
    );
  const wrapped = o.onTopic.find((l) => l.record && !l.record.exact);
  if (wrapped) {
    const v = JSON.stringify(wrapped.record!.value?.slice(0, 160));
    return fail(
      {
        fr: `Les lignes arrivent dans ${o.topic} enveloppées, pas telles qu'écrites : la ligne ${JSON.stringify(wrapped.line)} y est ${v}.`,
        en: `The lines reach ${o.topic} wrapped, not as written: the line ${JSON.stringify(wrapped.line)} is held as ${v}.`,
      },
      data,
    );
  }
  if (missing.length)
    return fail(
      {
        fr: `${missing.length} lignes sur ${o.onTopic.length} ne sont jamais arrivées dans ${o.topic}.`,
        en: `${missing.length} of ${o.onTopic.length} appended lines never reached ${o.topic} (first: ${JSON.stringify(missing[0]!.line)}).`,
      },
      data,
    );
  const offsets = o.onTopic.map((l) => l.record!.offset);
  if (offsets.some((x, i) => i > 0 && x <= offsets[i - 1]!))
    return fail(
      {
        fr: `Les lignes sont arrivées dans ${o.topic} dans le désordre (offsets ${offsets.join(', ')}).`,
        en: `The lines reached ${o.topic} out of order (offsets ${offsets.join(', ')}).`,
      },
      data,
    );
  const notInFile = o.inFile.filter((l) => l.seenAtMs === undefined);
  if (notInFile.length) {
    const tail = JSON.stringify(o.sinkContent.slice(-160));
    return fail(
      {
        fr: `Les lignes sont dans ${o.topic} mais ${notInFile.length} sur ${o.inFile.length} ne sont jamais arrivées dans le fichier du sink (sa fin : ${tail}).`,
        en: `The lines are on ${o.topic} but ${notInFile.length} of ${o.inFile.length} never reached the sink file (its end: ${tail}).`,
      },
      data,
    );
  }
  const fileLines = o.sinkContent.split('\n');
  const pos = o.inFile.map((l) => fileLines.indexOf(l.line));
  if (pos.some((x, i) => i > 0 && x <= pos[i - 1]!))
    return fail(
      {
        fr: 'Les lignes sont arrivées dans le fichier du sink dans le désordre.',
        en: 'The lines reached the sink file out of order.',
      },
      data,
    );
  return pass(
    {
      fr: `${o.onTopic.length} lignes ajoutées arrivent dans l'ordre dans ${o.topic} (médiane ${figures.topicP50Ms} ms, max ${figures.topicMaxMs} ms) puis dans le fichier du sink (médiane ${figures.fileP50Ms} ms, max ${figures.fileMaxMs} ms).`,
      en: `${o.onTopic.length} appended lines reach ${o.topic} in order (median ${figures.topicP50Ms} ms, max ${figures.topicMaxMs} ms) then the sink file (median ${figures.fileP50Ms} ms, max ${figures.fileMaxMs} ms).`,
    },
    data,
  );
}

/** Nearest-rank percentile of `xs` (p in 0..100). */
function pct(xs: number[], p: number): number | undefined {
  if (!xs.length) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!);
}

export const filestreamPropagation: CheckDefinition<Ex4Run, PropagationObs> = {
  id: 'filestream-propagation',
  title: {
    fr: "Les lignes ajoutées arrivent dans le topic, dans l'ordre, puis dans le fichier du sink",
    en: 'Appended lines reach the topic in order, then the sink file',
  },
  points: 2,
  hint: {
    fr: 'Le source lit le fichier ligne à ligne vers "topic" ; le sink écrit les records de "topics" dans son fichier. Pour des lignes de texte, StringConverter (key.converter et value.converter) : le JsonConverter avec schémas les enveloppe dans {"schema":...,"payload":...}.',
    en: 'The source reads the file line by line into "topic"; the sink writes the records of "topics" to its file. For text lines, StringConverter (key.converter and value.converter): the JsonConverter with schemas wraps them in {"schema":...,"payload":...}.',
  },
  observe: (ctx, run) =>
    run.observe(ctx, 'filestream-propagation', async () => {
      const source = await run.connect.status(run.names.fileSource).catch(() => undefined);
      if (!allRunning(source))
        return {
          topic: run.topic,
          precondition: `Connect reports the source ${run.names.fileSource} ${describeState(source)}`,
          onTopic: [],
          inFile: [],
          sinkContent: '',
        };
      const lines = freshLines(run, 'line', EX4_RULES.lines);
      const at = appendLines(run, lines);
      const onTopic = await linesOnTopic(run, lines, at, EX4_RULES.propagationTimeoutMs);
      const file = await linesInFile(
        run.hostPath(run.files.sink),
        lines,
        at,
        onTopic.some((l) => l.record) ? EX4_RULES.propagationTimeoutMs : 1000,
      );
      return { topic: run.topic, onTopic, inFile: file.lines, sinkContent: file.content };
    }),
  judge: judgePropagation,
};
