import { describe, expect, it } from 'vitest';
import { OFFICIAL_IMAGES } from '../docker/images/official-images.js';
import { SERVICE_NAMES } from '../stack-types.js';
import {
  nativeless,
  officialOnly,
  pickServices,
  servicesEnv,
  servicesFromEnv,
  servicesIn,
  STACK_SERVICES,
} from './all.js';
import { postgresInfo } from './postgres/postgres.js';

describe('stack services, registered once', () => {
  it('takes the service words and the official image pins from the modules, in registration order', () => {
    expect(SERVICE_NAMES).toEqual(['registry', 'connect', 'postgres', 'ksqldb']);
    expect(Object.keys(OFFICIAL_IMAGES)).toEqual(['kafka', 'toxiproxy', ...SERVICE_NAMES, 'kafkaUi', 'solution']);
    for (const s of STACK_SERVICES) expect(OFFICIAL_IMAGES[s.name]).toMatch(/^[\w./-]+:[\w.-]+$/);
    expect(OFFICIAL_IMAGES.connect).toBe(OFFICIAL_IMAGES.kafka);
  });

  it('gives a solution the contract environment of the services a stack runs', () => {
    const pg = postgresInfo(5433, { host: 'postgres', port: 5432 });
    const files = { hostDir: '/tmp/f', connectDir: '/tmp/f' };
    expect(servicesEnv({ connectUrl: 'http://127.0.0.1:8083', connectFiles: files, postgres: pg })).toEqual({
      KAFKA_CONNECT_URL: 'http://127.0.0.1:8083',
      CONNECT_FILES_DIR: '/tmp/f',
      POSTGRES_URL: 'postgresql://kgrade:kgrade@127.0.0.1:5433/kgrade',
      PGHOST: '127.0.0.1',
      PGPORT: '5433',
      PGUSER: 'kgrade',
      PGPASSWORD: 'kgrade',
      PGDATABASE: 'kgrade',
      CONNECT_POSTGRES_HOST: 'postgres',
      CONNECT_POSTGRES_PORT: '5432',
      CONNECT_POSTGRES_DATABASE: 'kgrade',
      CONNECT_POSTGRES_USER: 'kgrade',
      CONNECT_POSTGRES_PASSWORD: 'kgrade',
    });
    // Without Connect, PostgreSQL names no address for connectors.
    expect(Object.keys(servicesEnv({ postgres: pg })).filter((k) => k.startsWith('CONNECT_'))).toEqual([]);
    expect(servicesEnv({ registryUrl: 'http://r', ksqldbUrl: 'http://k' })).toEqual({
      SCHEMA_REGISTRY_URL: 'http://r',
      KSQLDB_URL: 'http://k',
    });
    expect(servicesEnv({})).toEqual({});
  });

  it('reads which services a stack offers, from its fields or from KGRADE_* variables', () => {
    expect(servicesIn({ registryUrl: 'http://r', postgres: postgresInfo(1) })).toEqual(['registry', 'postgres']);
    expect(servicesFromEnv({ KGRADE_SCHEMA_REGISTRY_URL: 'http://r', KGRADE_KSQLDB_URL: 'http://k' })).toMatchObject({
      registryUrl: 'http://r',
      ksqldbUrl: 'http://k',
    });
    expect(pickServices({ pid: 1, connectUrl: 'http://c', other: 'x' })).toEqual({ connectUrl: 'http://c' });
  });

  it('knows which services a provider cannot run', () => {
    expect(nativeless(['kafka', 'registry', 'ksqldb']).map((s) => s.name)).toEqual(['ksqldb']);
    expect(officialOnly(['connect', 'ksqldb']).map((s) => s.name)).toEqual(['ksqldb']);
  });
});
