import { describe, expect, it } from 'vitest';
import { parseProcNetTcp, portFinding, reachableFromLoopback } from './listening-ports.js';

// Tables as this machine's kernel writes them (header, then one socket a line; st 0A = LISTEN).
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 180 1 00000000f916b86d 100 0 0 10 0
   1: 0100007F:8670 0100007F:6742 06 00000000:00000000 03:00000107 00000000     0        0 0 3 00000000cc106401
   2: 0100007F:5B9F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 55123 1 0000000000000000 100 0 0 10 0
   3: 0500000A:0050 0100007F:C10C 01 00000000:00000000 00:00000000 00000000     0        0 77 1 000000008c347afb 20 4 30 10 -1
`;

const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0000000000000000FFFF00000100007F:49F4 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 128603 1 0000000063acf4aa 100 0 0 10 0
   1: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 9001 1 0000000063acf4aa 100 0 0 10 0
   2: 00000000000000000000000001000000:2382 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 9002 1 0000000063acf4aa 100 0 0 10 0
   3: 0000000000000000FFFF00000100007F:49F3 0000000000000000FFFF00000100007F:C10C 01 00000000:00000000 00:00000000 00000000     0        0 134879 1 000000008c347afb 20 4 30 10 -1
`;

describe('parseProcNetTcp', () => {
  it('keeps the listening IPv4 sockets with address, port and inode', () => {
    expect(parseProcNetTcp(TCP)).toEqual([
      { address: '0.0.0.0', port: 8080, inode: 180 },
      { address: '127.0.0.1', port: 23455, inode: 55123 },
    ]);
  });

  it('reads IPv6 tables: any, loopback and IPv4-mapped addresses', () => {
    expect(parseProcNetTcp(TCP6)).toEqual([
      { address: '::ffff:127.0.0.1', port: 18932, inode: 128603 },
      { address: '::', port: 8080, inode: 9001 },
      { address: '::1', port: 9090, inode: 9002 },
    ]);
  });

  it('ignores what is not a table line', () => {
    expect(parseProcNetTcp('')).toEqual([]);
    expect(parseProcNetTcp('header only\n   0: garbage\n')).toEqual([]);
  });
});

describe('portFinding', () => {
  const s = (address: string, port: number) => ({ address, port, inode: 1 });
  it('serving when PORT listens where 127.0.0.1 reaches it', () => {
    expect(portFinding([s('0.0.0.0', 23456)], 23456)).toEqual({ kind: 'serving' });
    expect(portFinding([s('::', 23456), s('0.0.0.0', 8080)], 23456)).toEqual({ kind: 'serving' });
    expect(portFinding([s('::ffff:127.0.0.1', 23456)], 23456)).toEqual({ kind: 'serving' });
  });
  it('names the ports a program chose instead of PORT', () => {
    expect(portFinding([s('::', 8080), s('0.0.0.0', 8080), s('0.0.0.0', 8081)], 23456)).toEqual({
      kind: 'elsewhere',
      ports: [8080, 8081],
    });
  });
  it('a listener only on an address the grader does not dial', () => {
    expect(portFinding([s('::1', 23456)], 23456)).toEqual({ kind: 'unreachable-address', addresses: ['::1'] });
    expect(portFinding([s('10.0.0.5', 23456)], 23456)).toEqual({
      kind: 'unreachable-address',
      addresses: ['10.0.0.5'],
    });
  });
  it('nowhere, and auxiliary listeners (LiveReload, the Node inspector) are not a service', () => {
    expect(portFinding([], 23456)).toEqual({ kind: 'nowhere' });
    expect(portFinding([s('127.0.0.1', 35729), s('127.0.0.1', 9229)], 23456)).toEqual({ kind: 'nowhere' });
  });
  it('which addresses 127.0.0.1 reaches', () => {
    expect(['0.0.0.0', '::', '127.0.0.1', '127.0.1.1', '::ffff:127.0.0.1'].every(reachableFromLoopback)).toBe(true);
    expect(['::1', '10.0.0.5', '::ffff:10.0.0.5'].some(reachableFromLoopback)).toBe(false);
  });
});
