import fs from 'node:fs';
import net from 'node:net';

/**
 * Where listening ports are picked: just below the kernel's ephemeral range. Outgoing connections take their
 * local port from that range, so a port picked inside it can be taken by any client socket (a Kafka client's,
 * another service's) in the seconds a JVM service needs before it binds ("Port N seems to be in use"). Below it,
 * only another listener can take it. Undefined when the range leaves no room: the OS picks then. Pure.
 */
export function listenRange(
  ephemeralRangeText = '32768 60999',
  size = 12_768,
): { low: number; high: number } | undefined {
  const ephemeralLow = Number(ephemeralRangeText.trim().split(/\s+/)[0]);
  if (!Number.isInteger(ephemeralLow)) return undefined;
  const high = ephemeralLow - 1;
  const low = Math.max(1024, ephemeralLow - size);
  return high - low >= 1000 ? { low, high } : undefined;
}

function kernelListenRange(): { low: number; high: number } | undefined {
  try {
    return listenRange(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'));
  } catch {
    return undefined;
  }
}

const RANGE = kernelListenRange();
/** Ports this process handed out lately, not handed out again for a while: their service may still be starting. */
const handedOut = new Map<number, number>();
const HANDED_OUT_MS = 10 * 60_000;

/** Binds 127.0.0.1:port (0: the OS picks) and releases it: the port a listener could take now; rejects when taken. */
function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => {
      const bound = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(bound));
    });
  });
}

/** A loopback port that was free a moment ago, outside the range outgoing connections draw from (listenRange). */
export async function freePort(): Promise<number> {
  if (RANGE) {
    const now = Date.now();
    for (const [p, at] of handedOut) if (now - at > HANDED_OUT_MS) handedOut.delete(p);
    for (let attempt = 0; attempt < 64; attempt++) {
      const port = RANGE.low + Math.floor(Math.random() * (RANGE.high - RANGE.low + 1));
      if (
        handedOut.has(port) ||
        !(await listenOnce(port).then(
          () => true,
          () => false,
        ))
      )
        continue;
      handedOut.set(port, now);
      return port;
    }
  }
  return listenOnce(0);
}

export async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** True when something accepts TCP connections on host:port. */
export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}
