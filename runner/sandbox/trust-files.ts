import fs from 'node:fs';
import path from 'node:path';
import { hostTrust, trustCopies, type HostTrust } from './host-network.js';

/**
 * Copies the host's trust files (CA bundle, Node's extra authorities, Java trust store) into a session's control
 * folder, readable by the sandbox: a build trusts what the host trusts (a TLS-inspecting proxy's authority
 * included), wherever the host keeps them. Returns the copies' paths on the host.
 */
export function stageHostTrust(control: string, env: Record<string, string | undefined> = process.env): HostTrust {
  const found = hostTrust(env, (p) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  });
  const copies = trustCopies(control, found);
  fs.mkdirSync(path.join(control, 'trust'), { recursive: true, mode: 0o755 });
  const pairs: [string | undefined, string | undefined][] = [
    [found.caBundle, copies.caBundle],
    [found.nodeExtraCa, copies.nodeExtraCa],
    [found.javaTrustStore, copies.javaTrustStore],
  ];
  for (const [from, to] of pairs) {
    if (!from || !to || fs.existsSync(to)) continue;
    fs.copyFileSync(from, to);
    fs.chmodSync(to, 0o644);
  }
  return copies;
}
