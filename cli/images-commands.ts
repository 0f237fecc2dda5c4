import type { Command } from 'commander';
import path from 'node:path';
import { GraderError } from '../core/errors.js';
import {
  buildOfflineImages,
  engineAnswers,
  imageExists,
  listImages,
  offlineTags,
  withoutOfflineImage,
} from '../stack/images.js';
import { cachePaths } from '../stack/cache-paths.js';
import { stderrProgress } from '../stack/provision/provision.js';

export function registerImagesCommands(program: Command): void {
  const images = program
    .command('images')
    .description('container images of the docker provider (official: pulled; offline: built here)');

  images
    .command('build')
    .description(
      'build the offline image set (Debian root via debootstrap, JRE and PostgreSQL from Debian, kgrade-provisioned Kafka, Debezium, Apicurio, Toxiproxy; the solution runtime with JDK 17, Maven and the host Node); cached by a hash of its inputs',
    )
    .option('--json', 'print role -> tag as JSON')
    .action(async (opts: { json?: boolean }) => {
      const started = Date.now();
      const tags = await buildOfflineImages(stderrProgress);
      if (opts.json) {
        process.stdout.write(
          JSON.stringify(
            {
              tags,
              ms: Date.now() - started,
              ...Object.fromEntries(withoutOfflineImage().map((s) => [s.name, s.why])),
            },
            null,
            2,
          ) + '\n',
        );
        return;
      }
      for (const [role, tag] of Object.entries(tags)) process.stdout.write(`${role.padEnd(10)} ${tag}\n`);
      for (const s of withoutOfflineImage()) process.stdout.write(`${s.name.padEnd(10)} none: ${s.why}\n`);
      process.stdout.write(`offline images ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });

  images
    .command('list')
    .description('official references and offline tags, and which offline images this engine holds')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const engine = await engineAnswers();
      const rows = await listImages(engine);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ engine, images: rows }, null, 2) + '\n');
        return;
      }
      if (!engine)
        process.stdout.write('no Docker engine answers (as root: kgrade setup docker): presence not checked\n');
      for (const r of rows) {
        process.stdout.write(
          `${r.role}\n  official: ${r.official}\n  offline:  ${r.offline}${r.offlinePresent ? ' (built)' : /^[\w.-]+\/[\w.-]+:[0-9a-f]+$/.test(r.offline) && engine ? ' (not built: kgrade images build)' : ''}\n`,
        );
      }
    });

  images
    .command('compose-env')
    .description(
      'env file for docker-compose.yml on the offline image set (with docker-compose.offline.yml): image tags, registry port, plugin folder',
    )
    .action(async () => {
      const { tags, missing } = offlineTags();
      const roles = {
        kafka: 'KAFKA',
        connect: 'CONNECT',
        toxiproxy: 'TOXIPROXY',
        registry: 'REGISTRY',
        postgres: 'POSTGRES',
      } as const;
      const absent: string[] = missing
        .filter((m) => m.role in roles)
        .map((m) => `${m.role} (${m.artifact} not provisioned)`);
      for (const role of Object.keys(roles) as (keyof typeof roles)[]) {
        const tag = tags[role];
        if (tag && !(await imageExists(tag).catch(() => false))) absent.push(`${role} (${tag} not built)`);
      }
      if (absent.length)
        throw new GraderError('STACK_NOT_READY', `the offline image set is not complete: ${absent.join(', ')}`, {
          hint: 'run `kgrade images build` first',
        });
      const lines = [
        '# docker-compose.yml on the offline image set (kgrade images compose-env)',
        ...(Object.entries(roles) as [keyof typeof roles, string][]).map(
          ([role, v]) => `KGRADE_${v}_IMAGE=${tags[role]}`,
        ),
        // Apicurio listens on 8080; its Confluent-compatible API is under /apis/ccompat/v7.
        'KGRADE_REGISTRY_CONTAINER_PORT=8080',
        `KGRADE_CONNECT_PLUGINS=${path.dirname(cachePaths.debeziumPlugin())}`,
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
}
