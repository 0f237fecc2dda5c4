import fs from 'node:fs';
import net from 'node:net';
import { describe, expect, test } from 'vitest';
import { freePort, freePorts, listenRange } from './ports.js';

describe('ports', () => {
  test('listening ports are picked below the kernel ephemeral range, which outgoing connections draw from', () => {
    expect(listenRange('32768\t60999\n')).toEqual({ low: 20000, high: 32767 });
    expect(listenRange('10000 65000')).toEqual({ low: 1024, high: 9999 });
    expect(listenRange('1500 65000')).toBeUndefined(); // no room below: the OS picks
    expect(listenRange('garbage')).toBeUndefined();
  });

  test('freePort hands out distinct ports a listener can take, outside the ephemeral range here', async () => {
    const ports = await freePorts(20);
    expect(new Set(ports).size).toBe(20);
    const range = listenRange(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'));
    if (range) for (const p of ports) expect(p >= range.low && p <= range.high, String(p)).toBe(true);
    const port = await freePort();
    const srv = net.createServer();
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((r) => srv.close(r));
  });
});
