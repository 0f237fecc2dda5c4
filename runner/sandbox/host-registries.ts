import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The registry mirrors the host's own tools use (npm's `registry`, pip's `index-url`/`extra-index-url`, Maven's
 * `<mirrors>`), handed to a sandboxed build. A sandbox starts from an empty HOME and none of the grader's variables,
 * and its registries proxy lets through only the public registries: without this, a trainer whose machine reaches
 * the registries only through a mirror saw every sandboxed build refused ("not gradable", REGISTRY_UNREACHABLE),
 * while the same build outside the sandbox read ~/.npmrc and worked. Only the URLs enter the sandbox, never a
 * credential (user:password in a URL, npm's `_auth`/`_authToken`): a mirror that needs one is not reachable from
 * it, and the build is not gradable with its cause, never the student's failure.
 */
export interface HostRegistries {
  npmRegistry?: string;
  pipIndexUrl?: string;
  pipExtraIndexUrls: string[];
  mavenMirrors: { id: string; url: string; mirrorOf: string }[];
}

/** Reads a file's text, or undefined when it cannot. */
export type ReadText = (file: string) => string | undefined;

/** A URL without its credentials, or undefined when it is no http(s) URL. */
function publicUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim().replace(/^["']|["']$/g, ''));
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  url.username = '';
  url.password = '';
  return url.toString();
}

/** `key = value` of an ini file (npmrc, pip.conf), continuation lines of pip's multi-valued keys joined. */
function iniValues(text: string, key: string, sections?: string[]): string[] {
  const out: string[] = [];
  let section = '';
  let collecting = false;
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(t);
    if (sec) {
      section = sec[1]!.trim();
      collecting = false;
      continue;
    }
    if (collecting && /^\s/.test(line) && !t.includes('=')) {
      out.push(...t.split(/\s+/));
      continue;
    }
    collecting = false;
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(t);
    if (!kv || kv[1] !== key || (sections && !sections.includes(section))) continue;
    out.push(...kv[2]!.split(/\s+/).filter(Boolean));
    collecting = true;
  }
  return out;
}

function mavenMirrors(text: string): HostRegistries['mavenMirrors'] {
  const body = /<mirrors>([\s\S]*?)<\/mirrors>/.exec(text.replace(/<!--[\s\S]*?-->/g, ''))?.[1] ?? '';
  const tag = (block: string, name: string) => new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(block)?.[1];
  return [...body.matchAll(/<mirror>([\s\S]*?)<\/mirror>/g)].flatMap((m) => {
    const url = publicUrl(tag(m[1]!, 'url'));
    const id = tag(m[1]!, 'id');
    return url && id ? [{ id, url, mirrorOf: tag(m[1]!, 'mirrorOf') ?? '*' }] : [];
  });
}

/**
 * The host's mirrors, in each tool's own precedence: npm's environment, then its user config, then its global one;
 * pip's environment, then its config files (the user's over the machine's); Maven's user settings (~/.m2). Pure
 * given `read`.
 */
export function hostRegistries(env: Record<string, string | undefined>, home: string, read: ReadText): HostRegistries {
  const first = (values: (string | undefined)[]) => values.map(publicUrl).find((u): u is string => !!u);
  const npmrcs = [
    env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ?? path.join(home, '.npmrc'),
    env.npm_config_globalconfig ?? env.NPM_CONFIG_GLOBALCONFIG ?? '/usr/etc/npmrc',
    '/etc/npmrc',
  ];
  const npmRegistry = first([
    env.npm_config_registry,
    env.NPM_CONFIG_REGISTRY,
    ...npmrcs.flatMap((f) => iniValues(read(f) ?? '', 'registry')),
  ]);
  const pipFiles = [
    env.PIP_CONFIG_FILE,
    path.join(home, '.config', 'pip', 'pip.conf'),
    path.join(home, '.pip', 'pip.conf'),
    '/etc/pip.conf',
    '/etc/xdg/pip/pip.conf',
  ].filter((f): f is string => !!f);
  const pipSections = ['global', 'install'];
  const pipIndexUrl = first([
    env.PIP_INDEX_URL,
    ...pipFiles.flatMap((f) => iniValues(read(f) ?? '', 'index-url', pipSections)),
  ]);
  const extraRaw = env.PIP_EXTRA_INDEX_URL
    ? env.PIP_EXTRA_INDEX_URL.split(/\s+/)
    : (pipFiles.map((f) => iniValues(read(f) ?? '', 'extra-index-url', pipSections)).find((v) => v.length) ?? []);
  const pipExtraIndexUrls = extraRaw.map(publicUrl).filter((u): u is string => !!u);
  // The user's settings only: the sandbox's Maven reads its own installation's (whose default mirror blocks http).
  const maven = mavenMirrors(read(path.join(home, '.m2', 'settings.xml')) ?? '');
  return {
    ...(npmRegistry ? { npmRegistry } : {}),
    ...(pipIndexUrl ? { pipIndexUrl } : {}),
    pipExtraIndexUrls,
    mavenMirrors: maven,
  };
}

/** The variables that point npm and pip at the host's mirrors inside the sandbox. */
export function registriesEnv(r: HostRegistries): Record<string, string> {
  return {
    ...(r.npmRegistry ? { npm_config_registry: r.npmRegistry } : {}),
    ...(r.pipIndexUrl ? { PIP_INDEX_URL: r.pipIndexUrl } : {}),
    ...(r.pipExtraIndexUrls.length ? { PIP_EXTRA_INDEX_URL: r.pipExtraIndexUrls.join(' ') } : {}),
  };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Maven's `<mirrors>` for the sandbox's settings.xml (empty when the host has none). */
export function mavenMirrorsXml(r: HostRegistries): string {
  if (!r.mavenMirrors.length) return '';
  const one = (m: HostRegistries['mavenMirrors'][number]) =>
    `<mirror><id>${xml(m.id)}</id><url>${xml(m.url)}</url><mirrorOf>${xml(m.mirrorOf)}</mirrorOf></mirror>`;
  return `<mirrors>${r.mavenMirrors.map(one).join('')}</mirrors>`;
}

function urls(r: HostRegistries): string[] {
  return [
    ...(r.npmRegistry ? [r.npmRegistry] : []),
    ...(r.pipIndexUrl ? [r.pipIndexUrl] : []),
    ...r.pipExtraIndexUrls,
    ...r.mavenMirrors.map((m) => m.url),
  ];
}

const isLoopbackHost = (h: string) => ['localhost', '127.0.0.1', '[::1]'].includes(h);

/**
 * The `host:port` a build may CONNECT to besides the public registries: the host's https mirrors (never one on
 * this machine's loopback, which would open the grader's own ports to the sandbox).
 */
export function mirrorAuthorities(r: HostRegistries): string[] {
  const out = urls(r)
    .map((u) => new URL(u))
    .filter((u) => u.protocol === 'https:' && !isLoopbackHost(u.hostname))
    .map((u) => `${u.hostname.toLowerCase()}:${u.port || '443'}`);
  return [...new Set(out)];
}

/**
 * Mirrors a sandboxed build cannot use (said by `kgrade doctor`): plain http (the registries proxy tunnels only
 * CONNECT) or on this machine's loopback (the sandbox's loopback is its own).
 */
export function unusableMirrors(r: HostRegistries): string[] {
  return urls(r).filter((u) => {
    const url = new URL(u);
    return url.protocol !== 'https:' || isLoopbackHost(url.hostname);
  });
}

let cached: HostRegistries | undefined;

/** This machine's mirrors (read once per process). */
export function thisHostRegistries(): HostRegistries {
  cached ??= hostRegistries(process.env, os.homedir(), (f) => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  });
  return cached;
}
