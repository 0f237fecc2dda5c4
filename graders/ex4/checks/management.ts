import fs from 'node:fs';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import type { ConnectorState } from '../../../kit/connect/connect-rest.js';
import type { HttpOutcome } from '../../../kit/solution/http-service.js';
import type { Localized } from '../../../model/verdict.js';
import { delay, waitFor } from '../../../core/wait-for.js';
import { EX4_RULES } from '../contract.js';
import {
  allRunning,
  answered,
  anyOnTopic,
  appendLines,
  describeState,
  freshLines,
  linesInFile,
  linesOnTopic,
  relayMismatch,
  stateUntil,
  traceHead,
  type LineInFile,
  type LineOnTopic,
} from '../observe.js';
import type { Ex4Run } from '../prepare.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

type Obs<T> = T & { precondition?: string };
/** What the grader set up for the check did not happen (`what` is said in English in both languages). */
const unmetPrecondition = (data: Record<string, unknown>, what: string): Judgement =>
  fail({ fr: `Précondition non remplie : ${what}.`, en: `Precondition not met: ${what}.` }, data);
/** The behaviour worked in Connect, but the service did not hand back Connect's answer. */
const wrongAnswer = (data: Record<string, unknown>, said: Localized[]): Judgement =>
  fail({ fr: `${said.map((s) => s.fr).join(' ; ')}.`, en: `${said.map((s) => s.en).join('; ')}.` }, data);

/** The sink's configuration as the solution delivered it, with another file. */
function sinkWithFile(run: Ex4Run, fileName: string): Record<string, string> | undefined {
  const body = run.createBody('fileSink');
  return body && { ...body.config, file: run.connectPath(fileName) };
}

/** Why a check building on the running sink cannot start, or undefined. */
async function sinkNotRunning(run: Ex4Run): Promise<string | undefined> {
  const s = await run.connect.status(run.names.fileSink).catch(() => undefined);
  return allRunning(s) ? undefined : `Connect reports the sink ${run.names.fileSink} ${describeState(s)}`;
}

// ---- update-live ----------------------------------------------------------------------------------------

export interface UpdateObs {
  file: string;
  answer?: HttpOutcome;
  configuredFile?: string;
  state?: ConnectorState;
  line?: LineInFile;
}

export function judgeUpdate(o: Obs<UpdateObs>): Judgement {
  const data = { ...o };
  if (o.precondition) return unmetPrecondition(data, o.precondition);
  const asked = `PUT /connectors/<sink>/config answered ${answered(o.answer).en}`;
  if (o.configuredFile !== o.file)
    return fail(
      {
        fr: `La mise à jour a reçu ${answered(o.answer).fr}, et Connect garde file=${o.configuredFile ?? '(aucun)'} au lieu de ${o.file}.`,
        en: `${asked}, and Connect still holds file=${o.configuredFile ?? '(none)'} instead of ${o.file}.`,
      },
      data,
    );
  if (o.line?.seenAtMs === undefined)
    return fail(
      {
        fr: `Connect a le nouveau fichier ${o.file} (${describeState(o.state)}) mais une ligne ajoutée ensuite n'y est jamais arrivée.`,
        en: `Connect holds the new file ${o.file} (${describeState(o.state)}) but a line appended afterwards never reached it.`,
      },
      data,
    );
  const said = relayMismatch('update', 'PUT /connectors/<sink>/config', o.answer);
  if (said) return wrongAnswer(data, [said]);
  return pass(
    {
      fr: `La configuration modifiée par l'API est active : les nouvelles lignes arrivent dans ${o.file}.`,
      en: `The configuration changed through the API is live: new lines reach ${o.file}.`,
    },
    data,
  );
}

export const updateLive: CheckDefinition<Ex4Run, Obs<UpdateObs>> = {
  id: 'update-live',
  title: {
    fr: "Une configuration modifiée par l'API est active",
    en: 'A configuration changed through the API is live',
  },
  points: 1,
  hint: {
    fr: "PUT /connectors/{name}/config transmet la configuration (l'objet config seul) à PUT /connectors/{name}/config de Connect, et rend sa réponse telle quelle (200 et le connecteur).",
    en: "PUT /connectors/{name}/config forwards the configuration (the config object alone) to Connect's PUT /connectors/{name}/config, and hands back its answer as it is (200 and the connector).",
  },
  observe: (ctx, run) =>
    run.observe(ctx, 'update-live', async () => {
      const file = run.connectPath(run.files.sink.replace(/(\.[^.]*)?$/, '-updated$1'));
      const notRunning = await sinkNotRunning(run);
      const config = sinkWithFile(run, file.split('/').pop()!);
      if (notRunning || !config) return { file, precondition: notRunning ?? 'no usable sink configuration' };
      const answer = await run.request('update', run.names.fileSink, config);
      let configuredFile: string | undefined;
      await waitFor(
        async () =>
          (configuredFile = (await run.connect.config(run.names.fileSink).catch(() => undefined))?.file) === file,
        { timeoutMs: 10_000, intervalMs: 200 },
      ).catch(() => undefined);
      if (configuredFile !== file) return { file, answer, configuredFile };
      const state = await stateUntil(run, run.names.fileSink, allRunning, EX4_RULES.runningTimeoutMs);
      const lines = freshLines(run, 'update', 1);
      const at = appendLines(run, lines);
      const got = await linesInFile(run.hostPath(file.split('/').pop()!), lines, at, EX4_RULES.propagationTimeoutMs);
      return { file, answer, configuredFile, state, line: got.lines[0] };
    }),
  judge: judgeUpdate,
};

// ---- pause-resume ---------------------------------------------------------------------------------------

export interface PauseObs {
  before: LineOnTopic[];
  pauseAnswer?: HttpOutcome;
  pausedState?: ConnectorState;
  /** Lines appended while paused that reached the topic within the window. */
  leaked?: number;
  resumeAnswer?: HttpOutcome;
  resumedState?: ConnectorState;
  backlog?: LineOnTopic[];
}

const paused = (s: ConnectorState | undefined) =>
  s?.connector === 'PAUSED' && s.tasks.every((t) => t.state === 'PAUSED');

export function judgePause(o: Obs<PauseObs>): Judgement {
  const data = { ...o };
  if (o.precondition) return unmetPrecondition(data, o.precondition);
  if (!o.before.every((l) => l.record))
    return unmetPrecondition(
      data,
      'a line appended before the pause never reached the topic, so a pause cannot be told from a broken pipeline',
    );
  if (!paused(o.pausedState))
    return fail(
      {
        fr: `La pause a reçu ${answered(o.pauseAnswer).fr}, mais Connect montre le source ${describeState(o.pausedState)}.`,
        en: `PUT /connectors/<source>/pause answered ${answered(o.pauseAnswer).en}, but Connect reports the source ${describeState(o.pausedState)}${o.leaked ? `, and ${o.leaked} line(s) appended meanwhile reached the topic` : ''}.`,
      },
      data,
    );
  if (o.leaked)
    return fail(
      {
        fr: `Connect montre le source en PAUSED, mais ${o.leaked} ligne(s) ajoutée(s) pendant la pause sont arrivées dans le topic.`,
        en: `Connect reports the source PAUSED, yet ${o.leaked} line(s) appended during the pause reached the topic.`,
      },
      data,
    );
  if (!allRunning(o.resumedState))
    return fail(
      {
        fr: `La reprise a reçu ${answered(o.resumeAnswer).fr}, et Connect montre le source ${describeState(o.resumedState)}.`,
        en: `PUT /connectors/<source>/resume answered ${answered(o.resumeAnswer).en}, and Connect reports the source ${describeState(o.resumedState)}.`,
      },
      data,
    );
  const missing = (o.backlog ?? []).filter((l) => !l.record);
  if (missing.length)
    return fail(
      {
        fr: `Après la reprise, ${missing.length} ligne(s) ajoutée(s) pendant la pause ne sont jamais arrivées dans le topic.`,
        en: `After the resume, ${missing.length} line(s) appended during the pause never reached the topic.`,
      },
      data,
    );
  const said = [
    relayMismatch('pause', 'PUT /connectors/<source>/pause', o.pauseAnswer),
    relayMismatch('resume', 'PUT /connectors/<source>/resume', o.resumeAnswer),
  ].filter((x): x is Localized => !!x);
  if (said.length) return wrongAnswer(data, said);
  return pass(
    {
      fr: `La pause arrête la propagation (rien pendant ${EX4_RULES.pausedWindowMs / 1000} s) et la reprise livre les lignes en attente.`,
      en: `The pause stops propagation (nothing for ${EX4_RULES.pausedWindowMs / 1000} s) and the resume delivers the backlog.`,
    },
    data,
  );
}

export const pauseResume: CheckDefinition<Ex4Run, Obs<PauseObs>> = {
  id: 'pause-resume',
  title: {
    fr: "La pause par l'API arrête la propagation, la reprise livre l'attente",
    en: 'Pausing through the API stops propagation, resuming delivers the backlog',
  },
  points: 2,
  hint: {
    fr: "PUT /connectors/{name}/pause et /resume se transmettent tels quels à Connect, dont la réponse revient telle quelle : 202 avec un corps vide (qui n'est pas du JSON : ne le parsez pas) ; GET /connectors/{name}/status montre PAUSED.",
    en: 'PUT /connectors/{name}/pause and /resume are forwarded as they are to Connect, whose answer goes back as it is: 202 with an empty body (not JSON: do not parse it); GET /connectors/{name}/status shows PAUSED.',
  },
  observe: (ctx, run) =>
    run.observe(ctx, 'pause-resume', async () => {
      const name = run.names.fileSource;
      const s = await run.connect.status(name).catch(() => undefined);
      if (!allRunning(s)) return { before: [], precondition: `Connect reports the source ${name} ${describeState(s)}` };
      const first = freshLines(run, 'before-pause', 1);
      const before = await linesOnTopic(run, first, appendLines(run, first), EX4_RULES.propagationTimeoutMs);
      if (!before.every((l) => l.record)) return { before };
      const pauseAnswer = await run.request('pause', name);
      const pausedState = await stateUntil(run, name, paused, 10_000);
      const held = freshLines(run, 'paused', 2);
      appendLines(run, held);
      await delay(EX4_RULES.pausedWindowMs);
      const leaked = anyOnTopic(run, held).length;
      if (!paused(pausedState) || leaked) {
        await run.connect.call('PUT', `/connectors/${encodeURIComponent(name)}/resume`).catch(() => undefined);
        return { before, pauseAnswer, pausedState, leaked };
      }
      const at = Date.now();
      const resumeAnswer = await run.request('resume', name);
      const resumedState = await stateUntil(run, name, allRunning, 10_000);
      const backlog = await linesOnTopic(run, held, at, EX4_RULES.propagationTimeoutMs);
      return { before, pauseAnswer, pausedState, leaked, resumeAnswer, resumedState, backlog };
    }),
  judge: judgePause,
};

// ---- restart-failed-task --------------------------------------------------------------------------------

export interface RestartObs {
  failedState?: ConnectorState;
  restartAnswer?: HttpOutcome;
  restartedState?: ConnectorState;
  line?: LineInFile;
}

const taskFailed = (s: ConnectorState | undefined) => !!s?.tasks.some((t) => t.state === 'FAILED');

export function judgeRestart(o: Obs<RestartObs>): Judgement {
  const data = { ...o };
  if (o.precondition) return unmetPrecondition(data, o.precondition);
  if (!taskFailed(o.failedState))
    return unmetPrecondition(
      data,
      `the grader pointed the sink at a folder, and Connect reports it ${describeState(o.failedState)} instead of a FAILED task`,
    );
  const trace = traceHead(o.failedState!.tasks.find((t) => t.trace)?.trace);
  if (!allRunning(o.restartedState))
    return fail(
      {
        fr: `La tâche du sink était FAILED ; le redémarrage a reçu ${answered(o.restartAnswer).fr}, et Connect montre toujours ${describeState(o.restartedState)}.`,
        en: `The sink's task was FAILED (${trace ?? 'no trace'}); POST /connectors/<sink>/tasks/0/restart answered ${answered(o.restartAnswer).en}, and Connect still reports ${describeState(o.restartedState)}.`,
      },
      data,
    );
  if (o.line?.seenAtMs === undefined)
    return fail(
      {
        fr: "La tâche est de nouveau RUNNING après le redémarrage, mais une ligne ajoutée ensuite n'est jamais arrivée dans le fichier du sink.",
        en: 'The task is RUNNING again after the restart, but a line appended afterwards never reached the sink file.',
      },
      data,
    );
  const said = relayMismatch('restart', 'POST /connectors/<sink>/tasks/<task>/restart', o.restartAnswer);
  if (said) return wrongAnswer(data, [said]);
  return pass(
    {
      fr: `Une tâche FAILED (${trace}) repart en RUNNING par l'API et écrit de nouveau.`,
      en: `A FAILED task (${trace}) is back RUNNING through the API and writes again.`,
    },
    data,
  );
}

export const restartFailedTask: CheckDefinition<Ex4Run, Obs<RestartObs>> = {
  id: 'restart-failed-task',
  title: {
    fr: "Une tâche FAILED repart en RUNNING par l'API",
    en: 'A FAILED task is restarted RUNNING through the API',
  },
  points: 2,
  hint: {
    fr: "POST /connectors/{name}/tasks/{task}/restart se transmet à Connect, dont la réponse revient telle quelle (204, corps vide) ; la cause d'un FAILED est dans tasks[n].trace de GET /connectors/{name}/status.",
    en: 'POST /connectors/{name}/tasks/{task}/restart is forwarded to Connect, whose answer goes back as it is (204, empty body); the cause of a FAILED task is in tasks[n].trace of GET /connectors/{name}/status.',
  },
  observe: (ctx, run) =>
    run.observe(ctx, 'restart-failed-task', async () => {
      const name = run.names.fileSink;
      const notRunning = await sinkNotRunning(run);
      const fileName = run.files.sink.replace(/(\.[^.]*)?$/, '-restart$1');
      const config = sinkWithFile(run, fileName);
      if (notRunning || !config) return { precondition: notRunning ?? 'no usable sink configuration' };
      // The fault: the sink's file is a folder, so the task fails when it opens it.
      const host = run.hostPath(fileName);
      fs.mkdirSync(host, { recursive: true });
      await run.connect.call('PUT', `/connectors/${encodeURIComponent(name)}/config`, config);
      const failedState = await stateUntil(run, name, taskFailed, EX4_RULES.runningTimeoutMs);
      fs.rmSync(host, { recursive: true, force: true });
      if (!taskFailed(failedState)) return { failedState };
      const task = failedState!.tasks.find((t) => t.state === 'FAILED')!.id;
      const restartAnswer = await run.request('restart', name, undefined, task);
      const restartedState = await stateUntil(run, name, allRunning, EX4_RULES.runningTimeoutMs);
      if (!allRunning(restartedState)) return { failedState, restartAnswer, restartedState };
      const lines = freshLines(run, 'restart', 1);
      const got = await linesInFile(host, lines, appendLines(run, lines), EX4_RULES.propagationTimeoutMs);
      return { failedState, restartAnswer, restartedState, line: got.lines[0] };
    }),
  judge: judgeRestart,
};

// ---- delete ---------------------------------------------------------------------------------------------

export interface DeleteObs {
  connectors: { name: string; existedBefore: boolean; answer?: HttpOutcome; existsAfter?: boolean }[];
}

export function judgeDelete(o: DeleteObs): Judgement {
  const data = { ...o };
  if (!o.connectors.some((c) => c.existedBefore))
    return unmetPrecondition(
      data,
      `Connect holds none of ${o.connectors.map((c) => c.name).join(', ')}, so there is nothing to delete`,
    );
  const left = o.connectors.filter((c) => c.existedBefore && c.existsAfter);
  if (left.length)
    return fail(
      {
        fr: `Après DELETE, Connect garde ${left.map((c) => c.name).join(', ')}.`,
        en: `After DELETE /connectors/<name> (${left.map((c) => `${c.name}: ${answered(c.answer).en}`).join('; ')}), Connect still holds ${left.map((c) => c.name).join(', ')}.`,
      },
      data,
    );
  const said = o.connectors
    .filter((c) => c.existedBefore)
    .flatMap((c) => relayMismatch('delete', `DELETE /connectors/${c.name}`, c.answer) ?? []);
  if (said.length) return wrongAnswer(data, said);
  const gone = o.connectors.filter((c) => c.existedBefore).map((c) => c.name);
  return pass(
    {
      fr: `Supprimés par l'API, Connect ne les connaît plus : ${gone.join(', ')}.`,
      en: `Deleted through the API, Connect no longer knows them: ${gone.join(', ')}.`,
    },
    data,
  );
}

export const deleteConnectors: CheckDefinition<Ex4Run, DeleteObs> = {
  id: 'delete',
  title: {
    fr: "Un connecteur supprimé par l'API disparaît de Connect",
    en: 'A connector deleted through the API is gone from Connect',
  },
  points: 1,
  hint: {
    fr: "DELETE /connectors/{name} se transmet à Connect, dont la réponse revient telle quelle (204, corps vide : ce n'est pas du JSON).",
    en: 'DELETE /connectors/{name} is forwarded to Connect, whose answer goes back as it is (204, empty body: not JSON).',
  },
  observe: (ctx, run) =>
    run.observe(ctx, 'delete', async () => {
      const connectors: DeleteObs['connectors'] = [];
      for (const name of [run.names.fileSource, run.names.fileSink]) {
        const existedBefore = await run.connect.settlesTo(name, true, 5000);
        if (!existedBefore) {
          connectors.push({ name, existedBefore });
          continue;
        }
        const answer = await run.request('delete', name);
        const existsAfter = !(await run.connect.settlesTo(name, false));
        connectors.push({ name, existedBefore, answer, existsAfter });
      }
      return { connectors };
    }),
  judge: judgeDelete,
};
