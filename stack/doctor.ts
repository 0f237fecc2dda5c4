import { commandExists, execCapture } from '../core/exec.js';
import { listImages, type ImageListing } from '../images/build.js';
import { provisionStatus } from './provision/provision.js';
import { chooseProvider, type ProviderChoice } from './provider-choice.js';

export interface DoctorReport {
  tools: { name: string; found: boolean; version?: string; neededFor: string }[];
  artifacts: { name: string; description: string; ready: boolean; path: string }[];
  dockerEngine: { answers: boolean; detail: string };
  images: ImageListing[];
  /** What `--stack auto` picks here, and why. */
  auto: ProviderChoice;
  providers: { name: 'native' | 'docker' | 'external'; usable: boolean; why: string }[];
}

async function version(cmd: string, args: string[]): Promise<string | undefined> {
  const r = await execCapture(cmd, args, { timeoutMs: 10_000 }).catch(() => undefined);
  if (!r) return undefined;
  return (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim())?.trim();
}

/** Which providers can run here and why not: tools, cached artifacts, Docker engine. */
export async function doctor(): Promise<DoctorReport> {
  const specs = [
    { name: 'java', args: ['-version'], neededFor: 'native stack, Maven solutions' },
    { name: 'mvn', args: ['-v'], neededFor: 'provisioning the native stack, Maven solutions' },
    { name: 'go', args: ['version'], neededFor: 'provisioning Toxiproxy (native)' },
    { name: 'docker', args: ['--version'], neededFor: 'docker stack (client)' },
    { name: 'psql', args: ['--version'], neededFor: 'PostgreSQL checks' },
  ];
  const tools = await Promise.all(
    specs.map(async (s) => {
      const found = await commandExists(s.name);
      return { name: s.name, found, version: found ? await version(s.name, s.args) : undefined, neededFor: s.neededFor };
    }),
  );
  const artifacts = await provisionStatus();
  const dockerInfo = tools.find((t) => t.name === 'docker')!.found ? await execCapture('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 10_000 }).catch(() => undefined) : undefined;
  const dockerEngine = dockerInfo?.code === 0 ? { answers: true, detail: `engine ${dockerInfo.stdout.trim()}` } : { answers: false, detail: dockerInfo ? 'the docker client found no running engine' : 'no docker client' };
  const choice = await chooseProvider();
  const has = (n: string) => tools.find((t) => t.name === n)!.found;
  const missingNative = ['java', 'mvn', 'go'].filter((n) => !has(n));
  const providers: DoctorReport['providers'] = [
    {
      name: 'native',
      usable: missingNative.length === 0 || (has('java') && artifacts.filter((a) => a.name === 'kafka' || a.name === 'toxiproxy').every((a) => a.ready)),
      why: missingNative.length === 0 ? 'java, mvn and go found; artifacts are provisioned on first use' : `missing ${missingNative.join(', ')}`,
    },
    { name: 'docker', usable: choice.provider === 'docker', why: dockerEngine.answers ? choice.reason : `${dockerEngine.detail} (as root, scripts/setup-docker.sh installs and starts one)` },
    { name: 'external', usable: true, why: 'grades against a running `kgrade stack up` or KGRADE_BOOTSTRAP_SERVERS; fault checks need its Toxiproxy, broker checks are skipped' },
  ];
  return { tools, artifacts, dockerEngine, images: dockerEngine.answers ? await listImages().catch(() => []) : [], auto: choice, providers };
}
