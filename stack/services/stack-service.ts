import type { Component } from '../provision/component.js';
import type { RoleRecipe } from './image-recipe.js';

/**
 * One optional service of a stack (registry, Connect, PostgreSQL, ksqlDB...), everything every provider needs to
 * know about it in one object: how it runs as a local process (`native`), as a container (`container`, with its
 * offline image recipe), when it is ready, what it gives a solution (`solutionEnv`) and where an external stack
 * names it. `V` is what a started service adds to the stack's `services` (`{ registryUrl }`, `{ postgres }`...).
 * Registered once in `stack/services/all.ts`; the providers iterate over that list and only supply a `NativeHost`
 * or a `ContainerHost` (how to run a process or a container).
 */
export interface StackService<V extends object, N extends string = string> {
  name: N;
  /** Its name for people, in messages ("ksqlDB"). */
  title: string;
  /** The fields of `StackServices` it fills; the first one's presence means a stack runs it. */
  fields: readonly (keyof V & string)[];
  native: NativeRecipe<V> | Unavailable;
  container: ContainerRecipe<V>;
  /** Environment a solution receives (DESIGN.md contract); `all` is what the whole stack offers. */
  solutionEnv(value: V, all: Readonly<Record<string, unknown>>): Record<string, string>;
  /** `--stack external` given by environment variables: the variable naming each field (`KGRADE_KSQLDB_URL`...). */
  external?: Record<string, keyof V & string>;
}

/** Where a provider cannot run the service: why, and the commands that make the exercise gradable. */
export interface Unavailable {
  unavailable: string;
  hint: string;
}

export function isUnavailable(r: object): r is Unavailable {
  return 'unavailable' in r;
}

/** What the native provider offers a service's recipe: the stack's folder, free ports, processes it tracks. */
export interface NativeHost {
  /** The stack's scratch folder (removed at tear-down). */
  dir: string;
  /** Kafka's direct listeners (only for recipes that start after the brokers). */
  bootstrap: string;
  brokers: number;
  freePort(): Promise<number>;
  /** A folder outside the stack's own that tear-down (and the reaper) remove too. */
  registerDir(dir: string): void;
  /** Starts a process in its own group, tracked: tear-down kills it, an unexpected exit fails the stack. */
  spawn(name: string, command: { cmd: string; args: string[]; cwd?: string; logFile: string }): NativeProcess;
}

export interface NativeProcess {
  /** Waits for `ready`, failing early with the log tail when the process dies or times out. */
  awaitReady(ready: () => Promise<boolean>, timeoutMs: number, hint: string): Promise<void>;
}

export interface NativeRecipe<V> {
  /** Provisioned before the stack starts (stack/provision). */
  components: Component[];
  /** Starts after the brokers are usable (it stores its state in Kafka); otherwise beside them. */
  afterBrokers: boolean;
  start(host: NativeHost): Promise<V>;
}

/** The image set a docker stack runs, as far as a service's recipe needs to know. */
export interface ImageSetFacts {
  name: 'official' | 'offline';
  /** Official: Confluent's registry (root URL). Offline: Apicurio, whose Confluent API is under /apis/ccompat/v7. */
  registryKind: 'confluent' | 'apicurio';
  /** Official: the Debezium plugin is bind-mounted from kgrade's cache into the Kafka image. */
  debeziumMount?: string;
  /** Official: Apache's image keeps the FileStream connectors off the default classpath. */
  connectClasspath?: string;
}

/** What the docker provider offers a service's recipe. Containers reach each other by their alias on the stack network. */
export interface ContainerHost {
  images: ImageSetFacts;
  /** Kafka's INTERNAL listeners on the stack network. */
  kafkaInternal: string;
  brokers: number;
  /** Whether the stack runs this service too. */
  has(name: string): boolean;
  /** A host folder (mode 0777) that tear-down removes. */
  hostDir(prefix: string): string;
  /** Starts a container of this service's image on the stack network, reachable there as `alias`. */
  start(spec: ContainerSpec): Promise<StartedContainer>;
}

export interface ContainerSpec {
  alias: string;
  /** [container port, host port]: published on 127.0.0.1. */
  publish: [number, number][];
  env?: Record<string, string>;
  entrypoint?: string[];
  command?: string[];
  mounts?: { source: string; target: string; mode: 'rw' | 'ro' }[];
}

export interface StartedContainer {
  exec(cmd: string[]): Promise<{ exitCode: number }>;
  /** Waits for `ready`, failing early with the container's log tail when it exits or times out. */
  awaitReady(ready: () => Promise<boolean>, timeoutMs: number, hint: string): Promise<void>;
}

export interface ContainerRecipe<V> {
  /** Its image in the official set (pulled), pinned here beside its offline recipe; `kgrade images list` lists every pin. */
  official: string;
  /** Host ports the provider picks (free, fixed before any container starts) and hands to `start`. */
  hostPorts: number;
  /** How the offline image set makes its image (stack/docker/images builds it), or why it has none. */
  offline: RoleRecipe | Unavailable;
  /** Starts after the brokers are usable (it stores its state in Kafka); otherwise beside them. */
  afterBrokers(images: ImageSetFacts): boolean;
  /** Starts the container(s); the returned function waits until the service is ready. */
  start(host: ContainerHost, ports: number[]): Promise<() => Promise<V>>;
}
