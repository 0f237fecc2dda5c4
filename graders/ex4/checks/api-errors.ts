import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { describeHttp, is2xx, type HttpOutcome } from '../../../kit/solution/http-service.js';
import { EX4_RULES } from '../contract.js';
import type { Ex4Run } from '../prepare.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface ApiErrorsObs {
  /** A valid connector created through the API first: a 4xx only means "refused" from an API that creates. */
  valid: { name: string; answer: HttpOutcome; existsInConnect: boolean };
  invalid?: { name: string; answer: HttpOutcome; existsInConnect: boolean };
  connectMessage: string;
}

const is4xx = (s: HttpOutcome['status']) => typeof s === 'number' && s >= 400 && s < 500;

export function judgeApiErrors(o: ApiErrorsObs): Judgement {
  const data = { ...o };
  if (!o.valid.existsInConnect || !o.invalid) {
    return fail(
      {
        fr: `Précondition non remplie : un connecteur valide envoyé à POST /connectors a reçu ${describeHttp(o.valid.answer).fr} et Connect ${o.valid.existsInConnect ? 'le connaît' : 'ne le connaît pas'}. Une API qui ne crée rien ne montre rien en refusant un connecteur invalide.`,
        en: `Precondition not met: a valid connector sent to POST /connectors got ${describeHttp(o.valid.answer).en} and Connect ${o.valid.existsInConnect ? 'holds' : 'does not hold'} it. An API that creates nothing shows nothing by refusing an invalid one.`,
      },
      data,
    );
  }
  const a = o.invalid.answer;
  if (!is4xx(a.status))
    return fail(
      {
        fr: `Un sink invalide (sans "topics") envoyé à POST /connectors a reçu ${describeHttp(a).fr}, alors que Connect le refuse avec 400.`,
        en: `An invalid sink (no "topics") sent to POST /connectors got ${describeHttp(a).en}, where Connect refuses it with 400.`,
      },
      data,
    );
  if (!(a.text ?? '').includes(o.connectMessage))
    return fail(
      {
        fr: `Un sink invalide a reçu ${describeHttp(a).fr} : une 4xx, mais sans le message de Connect « ${o.connectMessage} ».`,
        en: `An invalid sink got ${describeHttp(a).en}: a 4xx, but without Connect's message "${o.connectMessage}".`,
      },
      data,
    );
  return pass(
    {
      fr: `Un connecteur valide est créé ; un sink invalide reçoit ${a.status} avec le message de Connect.`,
      en: `A valid connector is created; an invalid sink gets ${a.status} with Connect's message.`,
    },
    data,
  );
}

export const apiErrors: CheckDefinition<Ex4Run, ApiErrorsObs> = {
  id: 'api-relays-errors',
  title: {
    fr: 'Une configuration invalide reçoit une 4xx avec le message de Connect',
    en: "An invalid configuration gets a 4xx carrying Connect's message",
  },
  points: 1,
  hint: {
    fr: "Quand Connect refuse (400 : « Connector configuration is invalid ... »), renvoyez son statut et son message au client au lieu d'un 200 ou d'une 500.",
    en: 'When Connect refuses (400: "Connector configuration is invalid ..."), pass its status and message back to the client instead of a 200 or a 500.',
  },
  observe: (ctx, run) =>
    run.observe(ctx, 'api-relays-errors', async () => {
      const probe = `${run.names.fileSource}-probe`;
      run.createdNames.add(probe);
      const validConfig = {
        'connector.class': 'FileStreamSource',
        'tasks.max': '1',
        file: run.connectPath(`probe-${run.runId}.txt`),
        topic: run.topic,
        name: probe,
      };
      const answer = await run.request('create', probe, { name: probe, config: validConfig });
      const valid = {
        name: probe,
        answer,
        existsInConnect: await run.connect.settlesTo(probe, true, is2xx(answer.status) ? 10_000 : 1000),
      };
      // Its file stays empty: it never stores an offset, so deleting it is all the clean-up it needs.
      await run.connect.deleteAll([probe]);
      const connectMessage = EX4_RULES.invalidSinkMessage;
      if (!valid.existsInConnect) return { valid, connectMessage };
      const bad = `${run.names.fileSink}-invalid`;
      run.createdNames.add(bad);
      const invalidConfig = {
        'connector.class': 'FileStreamSink',
        'tasks.max': '1',
        file: run.connectPath(`invalid-${run.runId}.txt`),
        name: bad,
      };
      const invalidAnswer = await run.request('create', bad, { name: bad, config: invalidConfig });
      return {
        valid,
        invalid: { name: bad, answer: invalidAnswer, existsInConnect: !(await run.connect.settlesTo(bad, false)) },
        connectMessage,
      };
    }),
  judge: judgeApiErrors,
};
