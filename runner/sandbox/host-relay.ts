import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { registryAllowed } from './bwrap-plan.js';
import { upstreamProxy } from './host-network.js';
import { mirrorAuthorities, thisHostRegistries } from './host-registries.js';

function pipe(a: net.Socket, b: net.Socket): void {
  a.on('error', () => b.destroy());
  b.on('error', () => a.destroy());
  a.pipe(b);
  b.pipe(a);
}

async function listenUnix(server: net.Server, socket: string): Promise<net.Server> {
  fs.rmSync(socket, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  fs.chmodSync(socket, 0o666);
  return server;
}

/** The grader's end of an allowed endpoint: connections on the unix socket go to the real host:port. */
export function endpointRelay(socket: string, host: string, port: number): Promise<net.Server> {
  return listenUnix(
    net.createServer((c) => pipe(c, net.connect(port, host))),
    socket,
  );
}

/**
 * The registries proxy builds use: HTTP CONNECT to an allowlisted registry on 443/80 (or one of the host's https
 * mirrors) is tunnelled, anything else
 * is refused with 403 and reported to `onRefused`. The tunnel goes the way the host's own tools go: through the
 * host's proxy (HTTPS_PROXY..., NO_PROXY honoured) when it has one, else directly.
 */
export function registriesProxy(
  socket: string,
  onRefused: (what: string) => void,
  env: Record<string, string | undefined> = process.env,
  mirrors: string[] = mirrorAuthorities(thisHostRegistries()),
): Promise<net.Server> {
  const server = http.createServer((req, res) => {
    onRefused(`${req.method} ${req.url}`);
    res
      .writeHead(403, { 'content-type': 'text/plain' })
      .end('kgrade sandbox: only HTTPS CONNECT to the dependency registries is allowed\n');
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const authority = req.url ?? '';
    if (!registryAllowed(authority, mirrors)) {
      onRefused(`CONNECT ${authority}`);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const [host, port] = authority.split(':');
    const open = (upstream: net.Socket) => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      pipe(client, upstream);
    };
    const via = upstreamProxy(env, host!);
    if (!via) {
      const upstream = net.connect(Number(port), host!, () => open(upstream));
      upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
      return;
    }
    // Chained CONNECT: the host's proxy opens the tunnel, its answer decides ours.
    const upstream = net.connect(via.port, via.host, () => {
      upstream.write(
        `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${via.authorization ? `Proxy-Authorization: ${via.authorization}\r\n` : ''}\r\n`,
      );
    });
    let answer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
      const end = answer.indexOf('\r\n\r\n');
      if (end < 0) return;
      upstream.off('data', onData);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer.subarray(0, end).toString('latin1'))?.[1];
      if (status !== '200') {
        client.end(
          `HTTP/1.1 502 Bad Gateway\r\nX-Kgrade-Upstream-Proxy: ${via.host}:${via.port} answered ${status ?? 'garbage'}\r\n\r\n`,
        );
        upstream.destroy();
        return;
      }
      const rest = answer.subarray(end + 4);
      open(upstream);
      if (rest.length) client.write(rest);
    };
    upstream.on('data', onData);
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  });
  return listenUnix(server, socket);
}

/**
 * The grader's way into a sandboxed program's port: once the relay inside has opened `socket` (the program
 * listens), 127.0.0.1:port on the host pipes to it. Before that the port is closed, as for an unsandboxed program.
 */
export class InboundRelay {
  private server?: net.Server;
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    readonly port: number,
    readonly socket: string,
  ) {
    this.poll();
  }

  private poll(): void {
    if (this.closed) return;
    if (!fs.existsSync(this.socket)) {
      this.timer = setTimeout(() => this.poll(), 100);
      return;
    }
    const server = net.createServer((c) => pipe(c, net.connect(this.socket)));
    server.on('error', () => {
      this.timer = setTimeout(() => this.poll(), 200);
    });
    server.listen(this.port, '127.0.0.1');
    this.server = server;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.server?.close();
  }
}
