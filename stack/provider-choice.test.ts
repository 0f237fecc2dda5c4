import { describe, expect, it } from 'vitest';
import { decideProvider, rolesFor, type ProviderFacts } from './provider-choice.js';

const facts = (f: Partial<ProviderFacts>): ProviderFacts => ({
  engine: true,
  officialPresent: [],
  offlinePresent: [],
  nativeMissing: [],
  ...f,
});
const ex0 = rolesFor({ toxiproxy: true, services: [] });

describe('decideProvider (--stack auto)', () => {
  it('needs only Kafka and Toxiproxy for a plain exercise', () => {
    expect(ex0).toEqual(['kafka', 'toxiproxy']);
    expect(rolesFor({ toxiproxy: false, services: ['connect', 'postgres'] })).toEqual(['kafka', 'connect', 'postgres']);
  });

  it('is native without an engine, and says so', () => {
    const c = decideProvider(facts({ engine: false }), ex0);
    expect(c.provider).toBe('native');
    expect(c.reason).toMatch(/no Docker engine answers/);
    expect(c.reason).toMatch(/provisioning only kafka, toxiproxy/);
  });

  it('says ksqlDB is not gradable without an engine, and what would make it gradable', () => {
    const c = decideProvider(facts({ engine: false }), rolesFor({ toxiproxy: false, services: ['ksqldb'] }));
    expect(c.reason).toMatch(/ksqlDB has no native build: not gradable on this machine/);
    expect(c.reason).toMatch(/KGRADE_KSQLDB_URL/);
  });

  it('is native when the engine answers but no image set is built (fresh machine), naming the build command', () => {
    const c = decideProvider(facts({ offlinePresent: ['postgres'] }), ex0);
    expect(c).toMatchObject({ provider: 'native' });
    expect(c.reason).toMatch(/kgrade images build/);
  });

  it('uses the offline set when it holds every role of this stack, even if other roles are not built', () => {
    expect(decideProvider(facts({ offlinePresent: ['kafka', 'toxiproxy'] }), ex0)).toMatchObject({
      provider: 'docker',
      images: 'offline',
    });
    expect(
      decideProvider(
        facts({ offlinePresent: ['kafka', 'toxiproxy'] }),
        rolesFor({ toxiproxy: true, services: ['connect'] }),
      ),
    ).toMatchObject({ provider: 'native' });
  });

  it('prefers official images when they are all here', () => {
    expect(
      decideProvider(facts({ officialPresent: ['kafka', 'toxiproxy'], offlinePresent: ['kafka', 'toxiproxy'] }), ex0),
    ).toMatchObject({ provider: 'docker', images: 'official' });
  });

  it('honours --images: official is pulled, offline is built on demand, never native while an engine answers', () => {
    expect(decideProvider(facts({}), ex0, 'official')).toMatchObject({ provider: 'docker', images: 'official' });
    expect(decideProvider(facts({ officialPresent: ['kafka', 'toxiproxy'] }), ex0, 'offline')).toMatchObject({
      provider: 'docker',
      images: 'offline',
    });
    const none = decideProvider(facts({ engine: false }), ex0, 'offline');
    expect(none.provider).toBe('native');
    expect(none.reason).toMatch(/--images offline is for docker/);
  });

  it('pulls the official ksqlDB image (there is no other)', () => {
    expect(
      decideProvider(
        facts({ offlinePresent: ['kafka', 'toxiproxy'] }),
        rolesFor({ toxiproxy: true, services: ['ksqldb'] }),
      ),
    ).toMatchObject({ provider: 'docker', images: 'official' });
  });

  it('names the native tools that are missing', () => {
    expect(decideProvider(facts({ engine: false, nativeMissing: ['mvn', 'go'] }), ex0).reason).toMatch(
      /lacks mvn, go.*kgrade setup machine/,
    );
  });
});
