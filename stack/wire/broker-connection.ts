import type { Connection } from '@platformatic/kafka';
import { delay } from '../../core/wait-for.js';
import { platformaticKafka } from './platformatic.js';

const CLIENT_ID = 'kgrade-observer-wire';

/**
 * One @platformatic/kafka connection to one broker listener (`host:port`), for the grader's observer requests:
 * opened, used by `use`, always closed. No client around it (no bootstrap, no cached metadata, no retry of the
 * request): the observers ask the broker they name and read what it answers. `connectRetryMs` keeps trying to
 * connect while the listener refuses (a broker just started or restarted registers before its listeners
 * accept), for callers that know the broker is up; 0 (the default) fails at the first refusal.
 */
export async function withBroker<T>(
  address: string,
  use: (c: Connection) => Promise<T>,
  requestTimeoutMs = 5000,
  connectRetryMs = 0,
): Promise<T> {
  const i = address.lastIndexOf(':');
  const { Connection, NetworkError } = await platformaticKafka();
  const deadline = Date.now() + connectRetryMs;
  for (;;) {
    const c = new Connection(CLIENT_ID, { connectTimeout: 3000, requestTimeout: requestTimeoutMs });
    // A failure reaches the caller through connect() or the request (a reset connection fails what is in
    // flight); the connection also emits it as an event, which would crash the process with no listener (a
    // docker port accepts, then resets, while its broker is down).
    c.on('error', () => undefined);
    let connected = false;
    try {
      await c.connect(address.slice(0, i), Number(address.slice(i + 1)));
      connected = true;
      return await use(c);
    } catch (e) {
      // Refused (nothing listens yet): try again while the caller allows; a timeout or a failed request is final.
      if (connected || !(e instanceof NetworkError) || Date.now() >= deadline) throw e;
    } finally {
      void c.close().catch(() => undefined);
    }
    await delay(200);
  }
}

/**
 * The answer of a request, error codes included. @platformatic/kafka's parsers throw a `ResponseError` as soon
 * as any item of an answer carries an error code (a leaderless partition: LEADER_NOT_AVAILABLE; an unknown
 * topic; a failed log dir), with the whole parsed answer attached: for an observer those codes are data.
 */
export async function answerWithErrors<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (e) {
    const { ResponseError } = await platformaticKafka();
    const answer = e instanceof ResponseError ? (e.response as T | undefined) : undefined;
    if (answer) return answer;
    throw e;
  }
}

/** Whether `e` says a broker could not be reached (refused, timed out, connection lost), not what it answered. */
export async function isConnectionFailure(e: unknown): Promise<boolean> {
  const { NetworkError, TimeoutError } = await platformaticKafka();
  return e instanceof NetworkError || e instanceof TimeoutError;
}
