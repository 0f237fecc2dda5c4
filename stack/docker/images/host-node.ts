import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cachePaths } from '../../cache-paths.js';

/**
 * The solution runtime image runs TypeScript solutions with the grader's own Node (same major, same tsx loader):
 * the binary kgrade runs on and its npm are staged here, then copied into the offline image. The stamp names
 * the version and the binary's identity, so a Node upgrade on the host gives a new image tag.
 */
const STAMP = '.kgrade-complete';
export const hostNodeStage = () => path.join(cachePaths.root(), 'images', 'host-node');

export interface HostNode {
  binary: string;
  /** npm's package folder (lib/node_modules/npm), when this install has one. */
  npm?: string;
  stamp: string;
}

export function hostNode(): HostNode {
  const binary = fs.realpathSync(process.execPath);
  const npmDir = path.resolve(path.dirname(binary), '..', 'lib', 'node_modules', 'npm');
  const npm = fs.existsSync(path.join(npmDir, 'package.json')) ? npmDir : undefined;
  const st = fs.statSync(binary);
  const npmVersion = npm
    ? (JSON.parse(fs.readFileSync(path.join(npm, 'package.json'), 'utf8')) as { version: string }).version
    : 'none';
  const id = crypto.createHash('sha256').update(`${binary}:${st.size}:${st.mtimeMs}`).digest('hex').slice(0, 16);
  return { binary, npm, stamp: `node ${process.version} npm ${npmVersion} ${id}` };
}

/** Copies the host's Node and npm into the stage (bin/node, lib/node_modules/npm) unless already there. */
export function stageHostNode(): string {
  const dir = hostNodeStage();
  const node = hostNode();
  const stampFile = path.join(dir, STAMP);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === node.stamp) return dir;
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.join(partial, 'bin'), { recursive: true });
  fs.copyFileSync(node.binary, path.join(partial, 'bin', 'node'));
  fs.chmodSync(path.join(partial, 'bin', 'node'), 0o755);
  fs.mkdirSync(path.join(partial, 'lib', 'node_modules'), { recursive: true });
  if (node.npm) fs.cpSync(node.npm, path.join(partial, 'lib', 'node_modules', 'npm'), { recursive: true });
  fs.writeFileSync(path.join(partial, STAMP), `${node.stamp}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return dir;
}
