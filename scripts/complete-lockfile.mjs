// The package registry this project's machines reach serves only some platform builds of packages
// like @rollup/rollup-<os>-<cpu>, so npm leaves the others out of package-lock.json and `npm ci` then
// refuses the lock as "out of sync". This adds those optional, other-platform entries (with their
// os/cpu, so npm skips them here). Run after changing dependencies: node scripts/complete-lockfile.mjs
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];
const CPU = {
  'arm-eabi': 'arm',
  arm64: 'arm64',
  x64: 'x64',
  arm: 'arm',
  ia32: 'ia32',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
};

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const rest = parts.slice(parts.indexOf(os) + 1).join('-');
  const cpuKey = Object.keys(CPU).find((k) => rest === k || rest.startsWith(`${k}-`));
  const libc = /-(gnu|gnueabihf)$/.test(rest) ? 'glibc' : /-musl(eabihf)?$/.test(rest) ? 'musl' : undefined;
  return { os, cpu: cpuKey ? CPU[cpuKey] : undefined, libc };
}

let added = 0;
for (const [, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os || !cpu) continue;
    lock.packages[key] = { version, optional: true, os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: added ${added} other-platform optional entries`);
