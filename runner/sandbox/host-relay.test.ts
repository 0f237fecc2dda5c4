import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registriesProxy } from './host-relay.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-host-relay-'));
const closers: (() => void)[] = [];
afterAll(() => {
  for (const c of closers) c();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for the host's proxy: answers CONNECT with `status`, records what it was asked, then echoes. */
async function hostProxy(status: number): Promise<{ port: number; asked: string[] }> {
  const asked: string[] = [];
  const server = net.createServer((c) => {
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      c.off('data', onData);
      asked.push(head);
      if (status !== 200) return void c.end(`HTTP/1.1 ${status} No\r\n\r\n`);
      c.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      c.on('data', (x) => c.write(x));
    };
    c.on('data', onData);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return { port: (server.address() as net.AddressInfo).port, asked };
}

/** A build's CONNECT through the registries proxy's socket: the status line, and the echo of `ping` when tunnelled. */
function connectThrough(socket: string, authority: string): Promise<{ status: string; head: string; echo: string }> {
  return new Promise((resolve, reject) => {
    const c = net.connect(socket, () => c.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    let buf = '';
    c.on('data', (d) => {
      buf += d.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.slice(0, end);
      const status = head.split(' ')[1]!;
      if (status !== '200') return void (c.destroy(), resolve({ status, head, echo: '' }));
      if (buf.length === end + 4) return void c.write('ping');
      if (buf.endsWith('ping')) c.destroy(), resolve({ status, head, echo: 'ping' });
    });
    c.on('error', reject);
  });
}

describe("the registries proxy goes the host's way", () => {
  it("tunnels an allow-listed registry through the host's proxy, with its credentials", async () => {
    const upstream = await hostProxy(200);
    const sock = path.join(dir, 'a.sock');
    const refused: string[] = [];
    const server = await registriesProxy(sock, (w) => refused.push(w), {
      HTTPS_PROXY: `http://build:s3cret@127.0.0.1:${upstream.port}`,
    });
    closers.push(() => server.close());
    const r = await connectThrough(sock, 'registry.npmjs.org:443');
    expect(r).toMatchObject({ status: '200', echo: 'ping' });
    expect(upstream.asked[0]).toMatch(/^CONNECT registry\.npmjs\.org:443 HTTP\/1\.1\r\n/);
    expect(upstream.asked[0]).toContain(`Proxy-Authorization: Basic ${Buffer.from('build:s3cret').toString('base64')}`);
    // The allow-list still holds before the host's proxy is asked anything.
    expect((await connectThrough(sock, 'evil.example.com:443')).status).toBe('403');
    expect(refused).toEqual(['CONNECT evil.example.com:443']);
    expect(upstream.asked).toHaveLength(1);
  });

  it("answers 502 naming the host's proxy when it refuses the tunnel", async () => {
    const upstream = await hostProxy(407);
    const sock = path.join(dir, 'b.sock');
    const server = await registriesProxy(sock, () => undefined, { https_proxy: `http://127.0.0.1:${upstream.port}` });
    closers.push(() => server.close());
    const r = await connectThrough(sock, 'pypi.org:443');
    expect(r.status).toBe('502');
    expect(r.head).toContain(`X-Kgrade-Upstream-Proxy: 127.0.0.1:${upstream.port} answered 407`);
  });
});
