import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { h2Post } from './h2-post.js';

describe('POST over HTTP/2 cleartext (as /query-stream needs)', () => {
  let server: http2.Http2Server;
  let url: string;
  beforeAll(async () => {
    server = http2.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/slow') return; // never answers
        res.writeHead(req.url === '/query-stream' ? 200 : 400, {
          'content-type': 'application/vnd.ksqlapi.delimited.v1',
        });
        res.end(`{"columnNames":["ECHO"],"accept":"${req.headers.accept}"}\n["${JSON.parse(body).sql}"]\n`);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('status, whole body and headers travel', async () => {
    const r = await h2Post(
      url,
      '/query-stream',
      JSON.stringify({ sql: 'SELECT 1;' }),
      { accept: 'application/vnd.ksqlapi.delimited.v1', 'content-type': 'application/json' },
      5000,
    );
    expect(r).toEqual({
      status: 200,
      text: '{"columnNames":["ECHO"],"accept":"application/vnd.ksqlapi.delimited.v1"}\n["SELECT 1;"]\n',
    });
    expect((await h2Post(url, '/other', JSON.stringify({ sql: 'x' }), {}, 5000)).status).toBe(400);
  });
  test('a server that never answers, and no server, reject', async () => {
    await expect(h2Post(url, '/slow', '{}', {}, 300)).rejects.toThrow(/within 300 ms/);
    await expect(h2Post('http://127.0.0.1:1', '/query-stream', '{}', {}, 2000)).rejects.toThrow();
  });
});
