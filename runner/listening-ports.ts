import fs from 'node:fs';

/** One TCP socket in LISTEN state: where it listens and the kernel's inode that names it. */
export interface ListeningSocket {
  /** `127.0.0.1`, `0.0.0.0`, `::`, `::1`, `::ffff:127.0.0.1`... */
  address: string;
  port: number;
  inode: number;
}

const TCP_LISTEN = '0A';

/**
 * The listening sockets of a `/proc/<pid>/net/tcp` or `tcp6` table (the whole network namespace's). Addresses are
 * hexadecimal 32-bit words in the host's byte order (little-endian on every machine kgrade runs on). Pure.
 */
export function parseProcNetTcp(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== TCP_LISTEN) continue;
    const [addrHex, portHex] = f[1]!.split(':');
    const port = parseInt(portHex ?? '', 16);
    const inode = Number(f[9]);
    const address = addrHex?.length === 8 ? ipv4(addrHex) : addrHex?.length === 32 ? ipv6(addrHex) : undefined;
    if (address === undefined || !Number.isInteger(port) || !Number.isInteger(inode)) continue;
    out.push({ address, port, inode });
  }
  return out;
}

function ipv4(hex: string): string {
  return wordBytes(hex).join('.');
}

/** The 4 bytes of a little-endian 32-bit word written in hexadecimal, in network order. */
function wordBytes(hex: string): number[] {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function ipv6(hex: string): string {
  const bytes = [0, 8, 16, 24].flatMap((w) => wordBytes(hex.slice(w, w + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff)
    return `::ffff:${bytes.slice(12).join('.')}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
  // the longest run of zero groups as "::"
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.len < 2) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}

/** Whether a connection to 127.0.0.1:port reaches a socket listening on `address` (what the grader dials). */
export function reachableFromLoopback(address: string): boolean {
  return (
    ['0.0.0.0', '::', '::ffff:0.0.0.0'].includes(address) ||
    address.startsWith('127.') ||
    address.startsWith('::ffff:127.')
  );
}

/** Ports a program may listen on besides its service without it being a mistake (devtools' LiveReload, Node's inspector). */
const AUXILIARY_PORTS = new Set([35729, 9229]);

/** What the grader concludes from the sockets a solution listens on while it waits for PORT. Pure. */
export type PortFinding =
  | { kind: 'serving' }
  | { kind: 'nowhere' }
  | { kind: 'elsewhere'; ports: number[] }
  | { kind: 'unreachable-address'; addresses: string[] };

export function portFinding(sockets: ListeningSocket[], port: number): PortFinding {
  const own = sockets.filter((s) => !AUXILIARY_PORTS.has(s.port) || s.port === port);
  const onPort = own.filter((s) => s.port === port);
  if (onPort.some((s) => reachableFromLoopback(s.address))) return { kind: 'serving' };
  if (onPort.length) return { kind: 'unreachable-address', addresses: [...new Set(onPort.map((s) => s.address))] };
  if (own.length) return { kind: 'elsewhere', ports: [...new Set(own.map((s) => s.port))].sort((a, b) => a - b) };
  return { kind: 'nowhere' };
}

// ---- I/O: the processes of a run and their sockets, read from /proc ----

interface ProcStat {
  pid: number;
  ppid: number;
  pgid: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(f[1]), pgid: Number(f[2]) };
  } catch {
    return undefined;
  }
}

/** The processes of `roots`' process groups and every descendant of `roots` (a sandbox's processes are its launcher's descendants). */
export function processesOf(roots: number[]): number[] {
  let all: ProcStat[];
  try {
    all = fs
      .readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map((d) => readStat(Number(d)))
      .filter((s): s is ProcStat => s !== undefined);
  } catch {
    return [];
  }
  const found = new Set(roots.filter((r) => all.some((s) => s.pid === r)));
  for (const s of all) if (roots.includes(s.pgid)) found.add(s.pid);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all) {
      if (!found.has(s.pid) && found.has(s.ppid)) {
        found.add(s.pid);
        grew = true;
      }
    }
  }
  return [...found];
}

/** kgrade's own relay inside a sandbox listens on the stack's ports for the solution: not the solution's sockets. */
function isGraderRelay(pid: number): boolean {
  try {
    return /relay\.mjs\0/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/** The socket inodes a process holds; `unreadable` when /proc hides its descriptors (another user's process). */
function socketInodes(pid: number): number[] | 'unreadable' {
  try {
    const inodes: number[] = [];
    for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.push(Number(m[1]));
      } catch {
        /* closed meanwhile */
      }
    }
    return inodes;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? [] : 'unreadable';
  }
}

/**
 * The TCP sockets the processes of `roots` (their groups and descendants) listen on, read from each process's
 * network namespace (a sandbox's own). Undefined when /proc cannot tell (no /proc, processes not readable).
 */
export function listeningSocketsOf(roots: number[]): ListeningSocket[] | undefined {
  const pids = processesOf(roots).filter((p) => !isGraderRelay(p));
  if (!pids.length) return undefined;
  const held = pids.map(socketInodes);
  if (held.includes('unreadable')) return undefined;
  const inodes = new Set(held.flat() as number[]);
  const tables = new Map<string, ListeningSocket[]>();
  for (const pid of pids) {
    let ns: string;
    try {
      ns = fs.readlinkSync(`/proc/${pid}/ns/net`);
    } catch {
      continue;
    }
    if (tables.has(ns)) continue;
    const rows: ListeningSocket[] = [];
    for (const t of ['tcp', 'tcp6']) {
      try {
        rows.push(...parseProcNetTcp(fs.readFileSync(`/proc/${pid}/net/${t}`, 'utf8')));
      } catch {
        /* no IPv6 */
      }
    }
    tables.set(ns, rows);
  }
  if (!tables.size) return undefined;
  return [...tables.values()].flat().filter((s) => inodes.has(s.inode));
}
