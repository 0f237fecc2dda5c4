import { describe, expect, it } from 'vitest';
import { mavenSettings } from './bwrap-plan.js';
import { describeBuildNetwork } from './host-network.js';
import {
  hostRegistries,
  mavenMirrorsXml,
  mirrorAuthorities,
  registriesEnv,
  unusableMirrors,
} from './host-registries.js';

const HOME = '/home/trainer';
const files = (m: Record<string, string>) => (f: string) => m[f];

describe("the host's registry mirrors, handed to sandboxed builds", () => {
  it('reads npm, pip and Maven mirrors from the files the tools read, without credentials', () => {
    const r = hostRegistries(
      {},
      HOME,
      files({
        [`${HOME}/.npmrc`]:
          '; company mirror\nregistry = https://npm.corp.example/repository/npm/\n//npm.corp.example/:_authToken=SECRET\n',
        '/etc/pip.conf':
          '[global]\nindex-url = https://alice:pw@pypi.corp.example/simple\nextra-index-url =\n  https://extra.corp.example/simple\n  http://old.corp.example/simple\n',
        [`${HOME}/.m2/settings.xml`]:
          '<settings><!-- <mirrors><mirror><id>old</id></mirror></mirrors> --><mirrors><mirror><id>nexus</id><mirrorOf>central</mirrorOf><url>https://nexus.corp.example:8443/repository/maven-public/</url></mirror><mirror><id>all</id><url>https://all.corp.example/m2</url></mirror></mirrors></settings>',
        // Maven in the sandbox reads its own installation's settings (here: Maven's default http blocker)
        '/etc/maven/settings.xml':
          '<settings><mirrors><mirror><id>maven-default-http-blocker</id><url>http://0.0.0.0/</url></mirror></mirrors></settings>',
      }),
    );
    expect(r).toEqual({
      npmRegistry: 'https://npm.corp.example/repository/npm/',
      pipIndexUrl: 'https://pypi.corp.example/simple',
      pipExtraIndexUrls: ['https://extra.corp.example/simple', 'http://old.corp.example/simple'],
      mavenMirrors: [
        { id: 'nexus', url: 'https://nexus.corp.example:8443/repository/maven-public/', mirrorOf: 'central' },
        { id: 'all', url: 'https://all.corp.example/m2', mirrorOf: '*' },
      ],
    });
    expect(JSON.stringify(registriesEnv(r))).not.toMatch(/SECRET|alice|pw@/);
    expect(registriesEnv(r)).toEqual({
      npm_config_registry: 'https://npm.corp.example/repository/npm/',
      PIP_INDEX_URL: 'https://pypi.corp.example/simple',
      PIP_EXTRA_INDEX_URL: 'https://extra.corp.example/simple http://old.corp.example/simple',
    });
    expect(mirrorAuthorities(r)).toEqual([
      'npm.corp.example:443',
      'pypi.corp.example:443',
      'extra.corp.example:443',
      'nexus.corp.example:8443',
      'all.corp.example:443',
    ]);
    expect(unusableMirrors(r)).toEqual(['http://old.corp.example/simple']);
    const doctor = describeBuildNetwork({ caBundle: '/etc/ssl/ca.pem' }, undefined, {
      used: mirrorAuthorities(r),
      unusable: unusableMirrors(r),
    });
    expect(doctor.summary).toMatch(/registry mirrors npm\.corp\.example:443, .*nexus\.corp\.example:8443/);
    expect(doctor.fix).toMatch(/cannot use the mirror\(s\) http:\/\/old\.corp\.example\/simple \(plain http/);
    expect(mavenSettings(mavenMirrorsXml(r))).toMatch(
      /^<settings><mirrors><mirror><id>nexus<\/id><url>https:\/\/nexus\.corp\.example:8443\/repository\/maven-public\/<\/url><mirrorOf>central<\/mirrorOf><\/mirror><mirror><id>all<\/id>.*<\/mirrors><proxies>/,
    );
  });

  it("takes the environment over the files, the user's file over the machine's", () => {
    const r = hostRegistries(
      { npm_config_registry: 'https://env.example/npm/', PIP_INDEX_URL: 'https://env.example/pypi/' },
      HOME,
      files({
        [`${HOME}/.npmrc`]: 'registry=https://file.example/npm/',
        [`${HOME}/.config/pip/pip.conf`]: '[install]\nindex-url=https://user.example/simple',
        '/etc/pip.conf': '[global]\nindex-url=https://machine.example/simple',
      }),
    );
    expect(r.npmRegistry).toBe('https://env.example/npm/');
    expect(r.pipIndexUrl).toBe('https://env.example/pypi/');
    expect(
      hostRegistries(
        {},
        HOME,
        files({
          [`${HOME}/.config/pip/pip.conf`]: '[install]\nindex-url=https://user.example/simple',
          '/etc/pip.conf': '[global]\nindex-url=https://machine.example/simple',
        }),
      ).pipIndexUrl,
    ).toBe('https://user.example/simple');
  });

  it('changes nothing on a machine without mirrors, and never opens its loopback', () => {
    const none = hostRegistries({}, HOME, files({}));
    expect(none).toEqual({ pipExtraIndexUrls: [], mavenMirrors: [] });
    expect(registriesEnv(none)).toEqual({});
    expect(mavenMirrorsXml(none)).toBe('');
    const local = hostRegistries({ npm_config_registry: 'https://localhost:4873/' }, HOME, files({}));
    expect(mirrorAuthorities(local)).toEqual([]);
    expect(unusableMirrors(local)).toEqual(['https://localhost:4873/']);
  });
});
