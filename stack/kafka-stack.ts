import { GraderError } from '../core/errors.js';
import { connectExternalStack } from './external/external-provider.js';
import { externalTargetFromEnv } from './external-target.js';
import { chooseProvider, type ImagesChoice } from './provider-choice.js';
import { startNativeStack } from './native/native-provider.js';
import type { StartedKafkaStack } from './started-stack.js';
import { SERVICE_NAMES, type ProviderName, type ServiceName, type StackSpec } from './stack-types.js';

/**
 * Builder for a stack: `await new KafkaStack().withBrokers(3).withToxiproxy().with('registry').start()`.
 * The started handle is `AsyncDisposable`: `await using stack = await new KafkaStack().start()`.
 */
export class KafkaStack {
  private spec: StackSpec = { brokers: 1, toxiproxy: false, services: [], brokerHeap: '256m' };
  private provider: ProviderName | 'auto' = 'auto';
  private images: ImagesChoice = 'auto';

  withBrokers(n: number): this {
    if (!Number.isInteger(n) || n < 1 || n > 5) {
      throw new GraderError('BAD_USAGE', `brokers must be an integer from 1 to 5, got ${n}`, {
        hint: 'use 1 for most exercises, 3 for replication work',
      });
    }
    this.spec.brokers = n;
    return this;
  }

  withToxiproxy(enabled = true): this {
    this.spec.toxiproxy = enabled;
    return this;
  }

  with(...services: ServiceName[]): this {
    for (const s of services) {
      if (!SERVICE_NAMES.includes(s)) {
        throw new GraderError('BAD_USAGE', `unknown service '${s}'`, {
          hint: `services are: ${SERVICE_NAMES.join(', ')}`,
        });
      }
      if (!this.spec.services.includes(s)) this.spec.services.push(s);
    }
    return this;
  }

  withBrokerHeap(heap: string): this {
    this.spec.brokerHeap = heap;
    return this;
  }

  withProvider(provider: ProviderName | 'auto'): this {
    this.provider = provider;
    return this;
  }

  /** Image set for the docker provider: official (pulled), offline (built by `kgrade images build`), or auto. */
  withImages(images: ImagesChoice): this {
    this.images = images;
    return this;
  }

  getSpec(): Readonly<StackSpec> {
    return { ...this.spec, services: [...this.spec.services] };
  }

  async start(): Promise<StartedKafkaStack> {
    let provider = this.provider;
    let images = this.images;
    if (provider === 'auto' || (provider === 'docker' && images === 'auto')) {
      const choice = await chooseProvider(this.spec, images);
      if (provider === 'auto' || choice.provider === 'docker') {
        provider = choice.provider;
        images = choice.images ?? images;
        process.stderr.write(
          `kgrade: stack ${provider}${choice.images ? ` (${choice.images} images)` : ''}: ${choice.reason}\n`,
        );
      }
    }
    if (provider === 'native') return startNativeStack(this.getSpec());
    if (provider === 'external') return connectExternalStack(this.getSpec(), externalTargetFromEnv());
    // Loaded only for docker: testcontainers takes half a second to load, which native and external runs never need.
    const { startDockerStack } = await import('./docker/docker-provider.js');
    return startDockerStack(this.getSpec(), { images: images === 'auto' ? 'offline' : images });
  }
}
