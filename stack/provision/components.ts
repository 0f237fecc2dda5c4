import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../../core/errors.js';
import { execCapture, tail } from '../../core/exec.js';
import { cachePaths } from '../cache-paths.js';
import { VERSIONS } from '../versions.js';
import { hashOf, type Component } from './component.js';
import { mavenJarsComponent } from './maven-component.js';
import { apicurioComponent } from './apicurio-component.js';

export const kafkaComponent: Component = mavenJarsComponent({
  name: 'kafka',
  pom: 'kafka',
  describe: `Apache Kafka ${VERSIONS.kafka} (broker, tools, Connect) from Maven Central`,
  target: () => cachePaths.kafkaLibs(),
  env: { KGRADE_KAFKA_VERSION: VERSIONS.kafka },
});

export const debeziumComponent: Component = mavenJarsComponent({
  name: 'debezium',
  pom: 'debezium',
  describe: `Debezium PostgreSQL connector ${VERSIONS.debezium} from Maven Central`,
  target: () => cachePaths.debeziumPlugin(),
  env: { KGRADE_DEBEZIUM_VERSION: VERSIONS.debezium },
});

/**
 * The ServiceLoader manifests Debezium lacks (stack/provision/maven/debezium-manifests/manifests), as a jar in a
 * subfolder of its plugin folder: Connect runs with plugin.discovery=service_load, which finds a plugin only by
 * its manifest. Provisioned after Debezium (a new Debezium folder drops it, and it comes back).
 */
export const debeziumManifestsComponent: Component = mavenJarsComponent({
  name: 'debezium-manifests',
  pom: 'debezium-manifests',
  describe: `ServiceLoader manifests for Debezium ${VERSIONS.debezium}'s plugins that lack one`,
  target: () => cachePaths.debeziumManifests(),
  env: { KGRADE_DEBEZIUM_VERSION: VERSIONS.debezium },
  files: ['manifests/META-INF/services/org.apache.kafka.connect.transforms.Transformation'],
});

export const GO_HINT = 'install Go (Debian: apt-get install golang-go, or the official tarball), or use --stack docker';

export const toxiproxyComponent: Component = {
  name: 'toxiproxy',
  describe: () => `Toxiproxy ${VERSIONS.toxiproxy} (go install from the Go module proxy)`,
  target: () => path.dirname(cachePaths.toxiproxyBin()),
  inputsHash: () => hashOf(VERSIONS.toxiproxy),
  requiredTools: [{ cmd: 'go', hint: GO_HINT }],
  async install(dir) {
    const gopath = cachePaths.goPath();
    const r = await execCapture('go', ['install', `github.com/Shopify/toxiproxy/v2/cmd/server@${VERSIONS.toxiproxy}`], {
      env: {
        ...process.env,
        GOBIN: dir,
        GOPATH: gopath,
        GOMODCACHE: path.join(gopath, 'pkg', 'mod'),
        GOFLAGS: '-modcacherw',
        CGO_ENABLED: '0',
      },
      timeoutMs: 15 * 60_000,
    });
    if (r.code !== 0) {
      throw new GraderError('PROVISION_FAILED', `go install of Toxiproxy ${VERSIONS.toxiproxy} failed`, {
        hint: 'the Go module proxy must be reachable; run `kgrade stack provision` again',
        logTail: tail(r.stderr),
      });
    }
    fs.renameSync(path.join(dir, 'server'), path.join(dir, 'toxiproxy-server'));
  },
};

/** Directory holding Debian's PostgreSQL server binaries (initdb, postgres). */
export function postgresBinDir(): string {
  return `/usr/lib/postgresql/${VERSIONS.postgres}/bin`;
}

export const postgresComponent: Component = {
  name: 'postgres',
  describe: () => `PostgreSQL ${VERSIONS.postgres} server (Debian package postgresql-${VERSIONS.postgres})`,
  target: () => postgresBinDir(),
  inputsHash: () => VERSIONS.postgres,
  requiredTools: [
    {
      cmd: 'apt-get',
      hint: `install PostgreSQL ${VERSIONS.postgres} with your system's package manager so that ${postgresBinDir()}/postgres exists`,
    },
  ],
  isSystemReady: async () =>
    fs.existsSync(path.join(postgresBinDir(), 'postgres')) && fs.existsSync(path.join(postgresBinDir(), 'initdb')),
  async install(_dir, progress) {
    if (process.getuid?.() !== 0) {
      throw new GraderError('MISSING_TOOL', `PostgreSQL ${VERSIONS.postgres} is not installed and kgrade is not root`, {
        hint: `run: sudo apt-get install -y postgresql-${VERSIONS.postgres}`,
      });
    }
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    progress('apt-get update...');
    await execCapture('apt-get', ['update', '-q'], { env, timeoutMs: 10 * 60_000 });
    const r = await execCapture(
      'apt-get',
      ['install', '-y', '-q', '--no-install-recommends', `postgresql-${VERSIONS.postgres}`],
      { env, timeoutMs: 15 * 60_000 },
    );
    if (r.code !== 0) {
      throw new GraderError('PROVISION_FAILED', `apt-get could not install postgresql-${VERSIONS.postgres}`, {
        hint: "Debian's package mirrors must be reachable; run `kgrade stack provision --with postgres` again",
        logTail: tail(r.stdout + r.stderr),
      });
    }
  },
};

export { apicurioComponent };
