import path from 'node:path';
import { apicurioRunJar } from '../../provision/apicurio-component.js';
import { apicurioComponent } from '../../provision/components.js';
import { httpOk } from '../service-ready.js';
import type { StackService } from '../stack-service.js';
import {
  apicurioArgs,
  confluentRegistryEnv,
  REGISTRY,
  registryUrl,
  storeBackwardCompatibility,
} from './registry-config.js';
import { REGISTRY_IMAGE } from './registry-image.js';

export { REGISTRY, registryUrl, type RegistryKind } from './registry-config.js';

/**
 * The schema registry: Apicurio Registry natively and in the offline image set (it needs no Kafka, so it starts
 * beside the brokers), Confluent's registry in the official set (it stores schemas in Kafka: after the brokers).
 */
export const registryService: StackService<{ registryUrl: string }, 'registry'> = {
  name: 'registry',
  title: 'the schema registry',
  fields: ['registryUrl'],
  native: {
    components: [apicurioComponent],
    afterBrokers: false,
    async start(host) {
      const port = await host.freePort();
      const args = apicurioArgs(REGISTRY.apicurioHeap.process, '127.0.0.1', port, apicurioRunJar()).flat();
      const proc = host.spawn('registry', {
        cmd: 'java',
        args,
        cwd: host.dir,
        logFile: path.join(host.dir, 'registry.log'),
      });
      const url = registryUrl('apicurio', `127.0.0.1:${port}`);
      await proc.awaitReady(
        () => httpOk(`${url}${REGISTRY.readyPath}`),
        REGISTRY.startTimeoutMs.process,
        REGISTRY.hint.process,
      );
      await storeBackwardCompatibility(url);
      return { registryUrl: url };
    },
  },
  container: {
    official: 'confluentinc/cp-schema-registry:7.9.1',
    hostPorts: 1,
    offline: REGISTRY_IMAGE,
    afterBrokers: (images) => images.registryKind === 'confluent',
    async start(host, [port]) {
      const kind = host.images.registryKind;
      const env =
        kind === 'apicurio'
          ? { REGISTRY_HEAP: REGISTRY.apicurioHeap.container }
          : confluentRegistryEnv(host.kafkaInternal);
      const c = await host.start({ alias: 'registry', publish: [[REGISTRY.containerPort[kind], port!]], env });
      const url = registryUrl(kind, `127.0.0.1:${port}`);
      return async () => {
        await c.awaitReady(
          () => httpOk(`${url}${REGISTRY.readyPath}`),
          REGISTRY.startTimeoutMs.container,
          REGISTRY.hint.container,
        );
        if (kind === 'apicurio') await storeBackwardCompatibility(url);
        return { registryUrl: url };
      };
    },
  },
  solutionEnv: ({ registryUrl: url }) => ({ SCHEMA_REGISTRY_URL: url }),
  external: { KGRADE_SCHEMA_REGISTRY_URL: 'registryUrl' },
};
