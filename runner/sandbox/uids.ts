import fs from 'node:fs';

/** Unprivileged uids handed to sandboxed sessions (no passwd entry needed); one lock folder each while in use. */
export const UID_RANGE = { first: 23000, count: 1000 };
const LOCKS = '/run/kgrade-sandbox-uids';

/** A uid no other live session holds; a lock left by a dead grader is taken over. */
export function allocateUid(): number {
  fs.mkdirSync(LOCKS, { recursive: true, mode: 0o700 });
  const start = Math.floor(Math.random() * UID_RANGE.count);
  for (let i = 0; i < UID_RANGE.count; i++) {
    const uid = UID_RANGE.first + ((start + i) % UID_RANGE.count);
    const lock = `${LOCKS}/${uid}`;
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(`${lock}/pid`, String(process.pid));
      return uid;
    } catch {
      if (!holderAlive(lock)) {
        fs.writeFileSync(`${lock}/pid`, String(process.pid));
        return uid;
      }
    }
  }
  throw new Error(`no free sandbox uid in ${UID_RANGE.first}-${UID_RANGE.first + UID_RANGE.count - 1}`);
}

function holderAlive(lock: string): boolean {
  try {
    process.kill(Number(fs.readFileSync(`${lock}/pid`, 'utf8')), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function releaseUid(uid: number): void {
  fs.rmSync(`${LOCKS}/${uid}`, { recursive: true, force: true });
}
