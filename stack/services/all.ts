/** The registered stack services, and what the providers and the stack handle read from them. */
import type { Component } from '../provision/component.js';
import { kafkaComponent, toxiproxyComponent } from '../provision/components.js';
import { connectService } from './connect/connect.js';
import { ksqldbService } from './ksqldb/ksqldb.js';
import { postgresService } from './postgres/postgres.js';
import { registryService } from './registry/registry.js';
import { isUnavailable, type StackService } from './stack-service.js';

/**
 * Every optional service a stack can run, registered once: the providers, provisioning, the image sets, the
 * provider choice, the external stack, the solution's environment and the words exercises use for services
 * (`ServiceName`) come from this list. Adding a service is its module (stack/services/<service>/) and one line here.
 */
export const STACK_SERVICES = [registryService, connectService, postgresService, ksqldbService] as const;

type Registered = (typeof STACK_SERVICES)[number];

/** The word for a service in an exercise's `stack.services`, `--with` and `KafkaStack.with()`. */
export type ServiceName = Registered['name'];
/** The registered services' names, in registration order. */
export const SERVICE_NAMES: readonly ServiceName[] = STACK_SERVICES.map((s) => s.name);

type Provided<S> = S extends StackService<infer V, ServiceName> ? V : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** What a stack's services offer (each field filled by the module that runs it: `registryUrl`, `postgres`...). */
export type StackServices = Partial<Intersection<Provided<Registered>>>;

/** The module of a service. */
export function serviceModule(name: ServiceName): StackService<object, ServiceName> {
  return STACK_SERVICES.find((s) => s.name === name)! as StackService<object, ServiceName>;
}

/** The modules of these services, in registration order. */
export function serviceModules(names: readonly ServiceName[]): StackService<object, ServiceName>[] {
  return STACK_SERVICES.filter((s) => names.includes(s.name)) as StackService<object, ServiceName>[];
}

/** The services these fields show a stack offers (a field present = the service runs). */
export function servicesIn(services: StackServices): ServiceName[] {
  return STACK_SERVICES.filter((s) => (services as Record<string, unknown>)[s.fields[0]]).map((s) => s.name);
}

/** Only the fields of `StackServices` taken from a larger object (a stack-up state), undefined ones left out. */
export function pickServices(from: object): StackServices {
  const out: Record<string, unknown> = {};
  for (const s of STACK_SERVICES)
    for (const f of s.fields)
      if ((from as Record<string, unknown>)[f] !== undefined) out[f] = (from as Record<string, unknown>)[f];
  return out as StackServices;
}

/** The components a native stack with these services needs (Kafka always). */
export function componentsFor(opts: { toxiproxy: boolean; services: readonly ServiceName[] }): Component[] {
  const set = new Set<Component>([kafkaComponent]);
  if (opts.toxiproxy) set.add(toxiproxyComponent);
  for (const s of serviceModules(opts.services))
    if (!isUnavailable(s.native)) for (const c of s.native.components) set.add(c);
  return [...set];
}

/** The services among `roles` that no native provider can run (no native build). */
export function nativeless(roles: readonly string[]): StackService<object>[] {
  return (STACK_SERVICES as readonly StackService<object>[]).filter(
    (s) => roles.includes(s.name) && isUnavailable(s.native),
  );
}

/** The services among `roles` that only exist as official images (no offline image). */
export function officialOnly(roles: readonly string[]): StackService<object>[] {
  return (STACK_SERVICES as readonly StackService<object>[]).filter(
    (s) => roles.includes(s.name) && isUnavailable(s.container.offline),
  );
}

/** What an external stack named by KGRADE_* variables offers. */
export function servicesFromEnv(env: NodeJS.ProcessEnv): StackServices {
  const out: Record<string, string | undefined> = {};
  for (const s of STACK_SERVICES as readonly StackService<object>[])
    for (const [name, field] of Object.entries(s.external ?? {})) out[field] = env[name];
  return out as StackServices;
}

/** The environment the stack's services give a solution (DESIGN.md contract), in registration order. */
export function servicesEnv(services: StackServices): Record<string, string> {
  const all = services as Record<string, unknown>;
  const env: Record<string, string> = {};
  for (const s of STACK_SERVICES as readonly StackService<object>[])
    if (all[s.fields[0]!]) Object.assign(env, s.solutionEnv(all as never, all));
  return env;
}
