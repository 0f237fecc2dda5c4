// Watches the process that owns a native stack; if it dies without cleaning up (SIGKILL, crash),
// kills every process group it registered and removes the stack's folder. Plain JS: starts in ~40 ms.
import fs from 'node:fs';

const [ownerPid, registryFile] = [Number(process.argv[2]), process.argv[3]];
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};
const tick = () => {
  if (!fs.existsSync(registryFile)) process.exit(0);
  if (alive(ownerPid)) return;
  const entries = fs
    .readFileSync(registryFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  for (const e of entries) {
    if (e.pgid) {
      try {
        process.kill(-e.pgid, 'SIGCONT');
        process.kill(-e.pgid, 'SIGKILL');
      } catch {}
    }
  }
  for (const e of entries) if (e.dir) fs.rmSync(e.dir, { recursive: true, force: true });
  process.exit(0);
};
setInterval(tick, 500);
