import { Socket } from 'node:net';
import { requestFrame } from './wire-codec.js';

const CLIENT_ID = 'kgrade-observer-wire';

/**
 * One TCP connection to one broker listener, requests answered in order (Kafka answers a connection's requests
 * in the order it got them). Each request has its own deadline; any error closes the connection.
 */
export class WireConnection {
  private socket?: Socket;
  private received = Buffer.alloc(0);
  private pending: { correlationId: number; resolve: (body: Buffer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];
  private nextId = 1 + Math.floor(Math.random() * 1_000_000);
  private failure?: Error;

  private constructor(readonly address: string) {}

  static async open(address: string, timeoutMs = 3000): Promise<WireConnection> {
    const c = new WireConnection(address);
    await c.connect(timeoutMs);
    return c;
  }

  private connect(timeoutMs: number): Promise<void> {
    const i = this.address.lastIndexOf(':');
    const host = this.address.slice(0, i);
    const port = Number(this.address.slice(i + 1));
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      this.socket = socket;
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no connection to ${this.address} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (e) => {
        clearTimeout(timer);
        this.fail(e);
        reject(e);
      });
      socket.once('close', () => this.fail(new Error(`${this.address} closed the connection`)));
      socket.on('data', (chunk) => this.onData(chunk));
      socket.connect(port, host, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private onData(chunk: Buffer): void {
    this.received = Buffer.concat([this.received, chunk]);
    while (this.received.length >= 4) {
      const size = this.received.readInt32BE(0);
      if (this.received.length < 4 + size) return;
      const body = this.received.subarray(4, 4 + size);
      this.received = this.received.subarray(4 + size);
      const head = this.pending.shift();
      if (!head) return this.fail(new Error(`${this.address} answered a request nobody sent`));
      clearTimeout(head.timer);
      const got = body.readInt32BE(0);
      if (got !== head.correlationId) {
        head.reject(new Error(`answer for correlation id ${got}, expected ${head.correlationId}`));
        return this.fail(new Error('out-of-order answer'));
      }
      head.resolve(body.subarray(4));
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.splice(0)) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.socket?.destroy();
  }

  /** Sends a request; resolves with the response body after the correlation id. */
  request(apiKey: number, apiVersion: number, body: Buffer, timeoutMs = 5000): Promise<Buffer> {
    if (this.failure || !this.socket) return Promise.reject(this.failure ?? new Error('not connected'));
    const correlationId = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`no answer from ${this.address} within ${timeoutMs} ms (api ${apiKey} v${apiVersion})`)), timeoutMs);
      this.pending.push({ correlationId, resolve, reject, timer });
      this.socket!.write(requestFrame(apiKey, apiVersion, correlationId, CLIENT_ID, body));
    });
  }

  close(): void {
    this.fail(new Error('connection closed by the grader'));
  }
}

/** Opens a connection, runs `use`, always closes. */
export async function withWire<T>(address: string, use: (c: WireConnection) => Promise<T>): Promise<T> {
  const c = await WireConnection.open(address);
  try {
    return await use(c);
  } finally {
    c.close();
  }
}
