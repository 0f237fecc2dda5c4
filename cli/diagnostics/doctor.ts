import { commandExists, execCapture } from '../../core/exec.js';
import { errorMessage } from '../../core/errors.js';
import { EXERCISES } from '../../graders/registry.js';
import { probeContainerSandbox, type ContainerSandboxStatus } from '../../runner/sandbox/container-probe.js';
import { probeNativeSandbox, type NativeSandboxStatus } from '../../runner/sandbox/isolation-probe.js';
import { describeBuildNetwork, hostTrust, upstreamProxy } from '../../runner/sandbox/host-network.js';
import { mirrorAuthorities, thisHostRegistries, unusableMirrors } from '../../runner/sandbox/host-registries.js';
import fs from 'node:fs';
import { listImages, type ImageListing } from '../../stack/images.js';
import { externalTargetFromEnv } from '../../stack/external-target.js';
import { provisionStatus } from '../../stack/provision/provision.js';
import { decideProvider, providerFacts, rolesFor, type ProviderChoice } from '../../stack/provider-choice.js';
import type { ServiceName } from '../../stack/stack-types.js';

export interface DoctorReport {
  tools: { name: string; found: boolean; version?: string; neededFor: string }[];
  artifacts: { name: string; description: string; ready: boolean; path: string; fix?: string }[];
  dockerEngine: { answers: boolean; detail: string; fix?: string };
  images: (ImageListing & { fix?: string })[];
  /** What `--stack auto` picks here for each exercise's stack, and why. */
  auto: { exercise: string; roles: string[]; choice: ProviderChoice }[];
  providers: { name: 'native' | 'docker' | 'external'; usable: boolean; why: string; fix?: string }[];
  /** Which sandbox a solution can get here (`--sandbox`; the cohort default). */
  isolation: { native: NativeSandboxStatus; container: ContainerSandboxStatus; summary: string };
  /** How a sandboxed build reaches the registries: the host's proxy and trust it is given. */
  buildNetwork: { summary: string; fix?: string };
  /** False when no provider can run a stack here: `kgrade doctor` then exits 2. */
  canRun: boolean;
  /** Parts that could not be inspected (the rest of the report stands). */
  errors: string[];
}

/** The command that provisions a component of the native stack. */
const PROVISION_FIX: Record<string, string> = {
  kafka: 'kgrade stack provision',
  toxiproxy: 'kgrade stack provision',
  debezium: 'kgrade stack provision --with connect',
  apicurio: 'kgrade stack provision --with registry',
  postgres: 'kgrade stack provision --with postgres',
};

async function version(cmd: string, args: string[]): Promise<string | undefined> {
  const r = await execCapture(cmd, args, { timeoutMs: 10_000 }).catch(() => undefined);
  if (!r) return undefined;
  return (r.stdout + r.stderr)
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .find((l) => l.trim())
    ?.trim();
}

/**
 * Which providers can run here and why not: tools, cached artifacts, Docker engine, image sets, and what
 * `--stack auto` picks for each exercise. Never throws: a part that cannot be inspected is listed in `errors`.
 */
export async function doctor(): Promise<DoctorReport> {
  const errors: string[] = [];
  const safe = async <T>(what: string, f: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      errors.push(`${what}: ${errorMessage(e)}`);
      return fallback;
    }
  };
  const specs = [
    { name: 'java', args: ['-version'], neededFor: 'native stack, Maven solutions' },
    { name: 'mvn', args: ['-v'], neededFor: 'provisioning the native stack, Maven solutions' },
    { name: 'go', args: ['version'], neededFor: 'provisioning Toxiproxy (native)' },
    { name: 'docker', args: ['--version'], neededFor: 'docker stack (client)' },
    { name: 'debootstrap', args: ['--version'], neededFor: 'building the offline image set' },
    { name: 'psql', args: ['--version'], neededFor: 'PostgreSQL checks' },
  ];
  const tools = await Promise.all(
    specs.map(async (s) => {
      const found = await commandExists(s.name).catch(() => false);
      return {
        name: s.name,
        found,
        version: found ? await version(s.name, s.args) : undefined,
        neededFor: s.neededFor,
      };
    }),
  );
  const has = (n: string) => tools.find((t) => t.name === n)!.found;
  const artifacts = (await safe('provisioned artifacts', provisionStatus, [])).map((a) =>
    a.ready ? a : { ...a, fix: PROVISION_FIX[a.name] ?? 'kgrade stack provision --with all' },
  );

  const dockerInfo = has('docker')
    ? await execCapture('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 10_000 }).catch(
        () => undefined,
      )
    : undefined;
  const dockerEngine: DoctorReport['dockerEngine'] =
    dockerInfo?.code === 0
      ? { answers: true, detail: `engine ${dockerInfo.stdout.trim()}` }
      : {
          answers: false,
          detail: has('docker') ? 'the docker client found no running engine' : 'no docker client',
          fix: 'as root: kgrade setup docker (or use the native provider)',
        };
  const images = dockerEngine.answers
    ? (await safe('image sets', () => listImages(true), [])).map((i) =>
        i.offlinePresent || !/^kgrade\//.test(i.offline) ? i : { ...i, fix: 'kgrade images build' },
      )
    : [];

  // One fact-gathering for every role any exercise needs, then a pure decision per exercise.
  const allServices = [...new Set(EXERCISES.flatMap((e) => e.stack.services ?? []))] as ServiceName[];
  const facts = await safe('provider facts', () => providerFacts({ toxiproxy: true, services: allServices }), {
    engine: dockerEngine.answers,
    officialPresent: [],
    offlinePresent: [],
    nativeMissing: [],
  });
  const auto = EXERCISES.map((e) => {
    const roles = rolesFor({ toxiproxy: e.stack.toxiproxy ?? true, services: e.stack.services ?? [] });
    return { exercise: e.id, roles, choice: decideProvider(facts, roles) };
  });

  const baseMissing = await safe(
    'native tools',
    async () => (await providerFacts({ toxiproxy: true, services: [] }, [])).nativeMissing,
    ['java'],
  );
  const offlineBuilt = images.filter((i) => i.offlinePresent).map((i) => i.role);
  let externalWhy = 'KGRADE_BOOTSTRAP_SERVERS is set';
  let externalUsable = true;
  try {
    const t = externalTargetFromEnv();
    externalWhy = `a running cluster is named (${t.bootstrapServers}); fault checks need its Toxiproxy, broker checks are skipped`;
  } catch {
    externalUsable = false;
    externalWhy =
      'no running cluster named (`kgrade stack up`, or `docker compose up -d` with KGRADE_BOOTSTRAP_SERVERS)';
  }
  const providers: DoctorReport['providers'] = [
    baseMissing.length === 0
      ? {
          name: 'native',
          usable: true,
          why: 'java found; Kafka and Toxiproxy run as processes, each exercise provisions on first use only what it needs',
        }
      : {
          name: 'native',
          usable: false,
          why: `missing ${baseMissing.join(', ')}`,
          fix: 'as root: kgrade setup machine',
        },
    !dockerEngine.answers
      ? { name: 'docker', usable: false, why: dockerEngine.detail, fix: dockerEngine.fix }
      : offlineBuilt.includes('kafka') || facts.officialPresent.includes('kafka')
        ? {
            name: 'docker',
            usable: true,
            why: `engine answers; offline images built: ${offlineBuilt.join(', ') || 'none'}; official images here: ${facts.officialPresent.join(', ') || 'none'}`,
          }
        : {
            name: 'docker',
            usable: false,
            why: 'engine answers, but no image set holds Kafka (official images are pulled on first use only where a registry answers)',
            fix: 'kgrade images build (offline set), or --images official where a registry answers',
          },
    { name: 'external', usable: externalUsable, why: externalWhy },
  ];
  const native = await safe('native sandbox', probeNativeSandbox, { usable: false, facts: [] });
  const missing = native.facts.filter((f) => !f.ok).map((f) => `${f.name}: ${f.detail}`);
  const container = await safe('container sandbox', probeContainerSandbox, { usable: false, detail: 'not inspected' });
  const isolation = {
    native,
    container,
    summary:
      (native.usable
        ? `native sandbox available (bubblewrap): ${native.facts.map((f) => f.name).join(', ')} ok; \`grade\` runs unsandboxed unless --sandbox`
        : `no native sandbox (${missing.join('; ') || 'not inspected'}): solutions can only run unsandboxed, as the grader's user`) +
      (container.usable
        ? `; container sandbox available with --stack docker (${container.detail})`
        : `; no container sandbox (${container.detail}${container.fix ? `: ${container.fix}` : ''})`),
  };
  const exists = (p: string) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  const registries = thisHostRegistries();
  const buildNetwork = describeBuildNetwork(
    hostTrust(process.env, exists),
    upstreamProxy(process.env, 'registry.npmjs.org'),
    { used: mirrorAuthorities(registries), unusable: unusableMirrors(registries) },
  );
  return {
    tools,
    artifacts,
    dockerEngine,
    images,
    auto,
    providers,
    isolation,
    buildNetwork,
    canRun: providers.some((p) => p.usable),
    errors,
  };
}
