import type { Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Feeds `h` with every file under `dir` (its path relative to `dir`, its length, its bytes), in name order, leaving
 * out entries `skip` names (and what they hold). False when there are more than `maxFiles` files (then `h` holds a
 * part only). What a build's cache key reads: Maven's build stamp, a TypeScript entry's compiled file.
 */
export function hashSourceTree(h: Hash, dir: string, skip: (name: string) => boolean, maxFiles = Infinity): boolean {
  let files = 0;
  const walk = (d: string): boolean => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (skip(e.name)) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!walk(p)) return false;
      } else if (e.isFile()) {
        if (++files > maxFiles) return false;
        const content = fs.readFileSync(p);
        h.update(`${path.relative(dir, p)}\0${content.length}\0`).update(content);
      }
    }
    return true;
  };
  return walk(dir);
}
