import http2 from 'node:http2';

/**
 * One POST over HTTP/2 cleartext with prior knowledge (h2c): ksqlDB serves `/query-stream` on HTTP/2 only, as
 * its Java client uses it. Resolves with the status and the whole body; rejects on a connection error or the
 * time limit.
 */
export function h2Post(
  url: string,
  path: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const client = http2.connect(new URL(url).origin);
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.close();
      client.destroy();
      f();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no complete answer within ${timeoutMs} ms`))),
      timeoutMs,
    );
    client.on('error', (e) => finish(() => reject(e)));
    const req = client.request({ ':method': 'POST', ':path': path, ...headers });
    let status = 0;
    let text = '';
    req.setEncoding('utf8');
    req.on('response', (h) => (status = Number(h[':status'])));
    req.on('data', (c: string) => (text += c));
    req.on('end', () => finish(() => resolve({ status, text })));
    req.on('error', (e) => finish(() => reject(e)));
    req.end(body);
  });
}
