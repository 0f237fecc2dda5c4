import { describe, expect, it } from 'vitest';
import { buildNetworkCause } from './build-network.js';

// Excerpts of real runs on this kind of machine (npm 11, Maven 3.8.7, pip 23), paths shortened to the sandbox's.
const NPM = {
  tls: `npm error code SELF_SIGNED_CERT_IN_CHAIN
npm error errno SELF_SIGNED_CERT_IN_CHAIN
npm error request to https://registry.npmjs.org/kafkajs failed, reason: self-signed certificate in certificate chain
npm error A complete log of this run can be found in: /tmp/.npm/_logs/2026-12-07T06_52_49_723Z-debug-0.log`,
  dns: `npm error code ENOTFOUND
npm error syscall getaddrinfo
npm error errno ENOTFOUND
npm error network request to https://registry.kgrade-unreachable.invalid/kafkajs failed, reason: getaddrinfo ENOTFOUND registry.kgrade-unreachable.invalid
npm error network This is a problem related to network connectivity.
npm error network In most cases you are behind a proxy or have bad network settings.`,
  refused: `npm error code ECONNREFUSED
npm error syscall connect
npm error errno ECONNREFUSED
npm error FetchError: request to http://127.0.0.1:9/kafkajs failed, reason: connect ECONNREFUSED 127.0.0.1:9
npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)
npm error   code: 'ECONNREFUSED',`,
  e503: `npm error code E503
npm error 503 Service Unavailable - GET https://registry.npmjs.org/kafkajs
npm error A complete log of this run can be found in: /tmp/.npm/_logs/2026-12-07T07_14_57_757Z-debug-0.log`,
  proxy403: `npm error code E403
npm error 403 403 Forbidden - GET https://registry.npmjs.org/kafkajs
npm error 403 In most cases, you or one of your dependencies are requesting a package version that is forbidden by your security policy, or on a server you do not have access to.`,
  e404: `npm error code E404
npm error 404 Not Found - GET https://registry.npmjs.org/kafkajs-kgrade-nonexistent-pkg
npm error 404
npm error 404  The requested resource 'kafkajs-kgrade-nonexistent-pkg@2.2.4' could not be found or you do not have permission to access it.`,
  postinstall: `npm error code 1
npm error path /sandbox/solution/node_modules/my-setup
npm error command failed
npm error command sh -c node install.js
npm error Error: connect ECONNREFUSED 127.0.0.1:9092
npm error     at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)`,
};

const mvn = (
  cause: string,
  repo = 'central (https://repo.maven.apache.org/maven2)',
  url = 'https://repo.maven.apache.org/maven2',
) =>
  `\x1b[0m\x1b[0m[ERROR] Plugin org.apache.maven.plugins:maven-resources-plugin:2.6 or one of its dependencies could not be resolved: Failed to read artifact descriptor for org.apache.maven.plugins:maven-resources-plugin:jar:2.6: Could not transfer artifact org.apache.maven.plugins:maven-resources-plugin:pom:2.6 from/to ${repo}: ${cause.replace('URL', `${url}/org/apache/maven/plugins/maven-resources-plugin/2.6/maven-resources-plugin-2.6.pom`)} -> [Help 1]
[ERROR] 
[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/PluginResolutionException`;
const MAVEN = {
  tls: mvn(
    'transfer failed for URL: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
  ),
  dns: mvn(
    'transfer failed for URL: Unknown host repo.kgrade-unreachable.invalid: Name or service not known',
    'm (https://repo.kgrade-unreachable.invalid/maven2)',
    'https://repo.kgrade-unreachable.invalid/maven2',
  ),
  refused: mvn(
    'transfer failed for URL: Connect to 127.0.0.1:9 [/127.0.0.1] failed: Connection refused',
    'm (http://127.0.0.1:9/maven2)',
    'http://127.0.0.1:9/maven2',
  ),
  e503: mvn('transfer failed for URL, status: 503 Service Unavailable'),
  proxy403: mvn('authorization failed for URL, status: 403 Forbidden'),
  missing: `[ERROR] Failed to execute goal on project ex0: Could not resolve dependencies for project fr.course:ex0:jar:1.0: Could not find artifact org.apache.kafka:kafka-clientz:jar:3.7.0 in central (https://repo.maven.apache.org/maven2) -> [Help 1]`,
  compile: `[ERROR] COMPILATION ERROR : 
[ERROR] /sandbox/solution/src/main/java/fr/course/Main.java:[64,34] cannot find symbol
  symbol:   class ConnectException (Connection refused while sending)
[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile (default-compile) on project ex0: Compilation failure`,
  warningOnly: `[WARNING] Could not transfer metadata fr.course:lib:1.0-SNAPSHOT/maven-metadata.xml from/to snapshots (https://repo.example.org/snapshots): Connection refused
[ERROR] Failed to execute goal org.apache.maven.plugins:maven-jar-plugin:3.3.0:jar (default-jar) on project ex0: You have to use a classifier to attach supplemental artifacts to the project instead of replacing them.`,
};

const pipRetry = (cause: string) =>
  `WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by '${cause}': /simple/confluent-kafka/`;
const PIP_GAVE_UP = `ERROR: Could not find a version that satisfies the requirement confluent-kafka==2.16.2 (from versions: none)
ERROR: No matching distribution found for confluent-kafka==2.16.2`;
const PIP = {
  tls: `${pipRetry("SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)'))")}
Could not fetch URL https://pypi.org/simple/confluent-kafka/: There was a problem confirming the ssl certificate: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: /simple/confluent-kafka/ (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)'))) - skipping
${PIP_GAVE_UP}`,
  dns: `Looking in indexes: https://pypi.kgrade-unreachable.invalid/simple
${pipRetry("NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f4b2bb0e1d0>: Failed to establish a new connection: [Errno -2] Name or service not known')")}
${PIP_GAVE_UP}`,
  refused: `Looking in indexes: http://127.0.0.1:9/simple
${pipRetry("NewConnectionError('<pip._vendor.urllib3.connection.HTTPConnection object at 0x7f116bf66d90>: Failed to establish a new connection: [Errno 111] Connection refused')")}
${PIP_GAVE_UP}`,
  proxy403: `${pipRetry("ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 403 Forbidden'))")}
${PIP_GAVE_UP}`,
  missing: `ERROR: Could not find a version that satisfies the requirement confluent-kafkaa==2.16.2 (from versions: none)
ERROR: No matching distribution found for confluent-kafkaa==2.16.2`,
  retriedThenOwnError: `${pipRetry('ReadTimeoutError("HTTPSConnectionPool(host=\'pypi.org\', port=443): Read timed out. (read timeout=15)")')}
Successfully installed confluent-kafka-2.16.2
  File "main.py", line 12
    producer.produce(topic key=b"k")
                     ^^^^^^^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?`,
};

describe('buildNetworkCause', () => {
  it.each([
    ['npm', NPM.tls, 'tls', 'registry.npmjs.org'],
    ['npm', NPM.dns, 'dns', 'registry.kgrade-unreachable.invalid'],
    ['npm', NPM.refused, 'refused', '127.0.0.1'],
    ['npm', NPM.e503, 'server-error', 'registry.npmjs.org'],
    ['Maven', MAVEN.tls, 'tls', 'repo.maven.apache.org'],
    ['Maven', MAVEN.dns, 'dns', 'repo.kgrade-unreachable.invalid'],
    ['Maven', MAVEN.refused, 'refused', '127.0.0.1'],
    ['Maven', MAVEN.e503, 'server-error', 'repo.maven.apache.org'],
    ['Maven', MAVEN.proxy403, 'proxy', 'repo.maven.apache.org'],
    ['pip', PIP.tls, 'tls', 'pypi.org'],
    ['pip', PIP.dns, 'dns', 'pypi.kgrade-unreachable.invalid'],
    ['pip', PIP.refused, 'refused', '127.0.0.1'],
    ['pip', PIP.proxy403, 'proxy', undefined],
  ])('%s: a download that failed is the network (%s)', (_tool, log, kind, host) => {
    const c = buildNetworkCause(log);
    expect(c?.kind).toBe(kind);
    expect(c?.host).toBe(host);
    expect(c?.message).toMatch(/^the build could not download its dependencies from /);
    expect(c?.message).not.toContain('\n');
    expect(c?.fix.length).toBeGreaterThan(20);
  });

  it.each([
    ['npm: a package that does not exist (E404)', NPM.e404],
    ['npm: a postinstall script of the solution that cannot connect', NPM.postinstall],
    ['Maven: an artifact that does not exist', MAVEN.missing],
    ['Maven: a compile error naming ConnectException', MAVEN.compile],
    ['Maven: a transfer warning before the build failed on its own', MAVEN.warningOnly],
    ['pip: a package that does not exist', PIP.missing],
    ['pip: a retry that then succeeded, and a syntax error', PIP.retriedThenOwnError],
    ['no output', ''],
  ])("%s stays the solution's", (_what, log) => {
    expect(buildNetworkCause(log)).toBeUndefined();
  });

  it("names the host the sandbox's registries proxy refused (its log), as an allow-list cause", () => {
    for (const log of [NPM.proxy403, MAVEN.proxy403, PIP.proxy403, 'npm error code ECONNRESET']) {
      const c = buildNetworkCause(log, ['CONNECT registry.yarnpkg.com:443']);
      expect(c?.kind).toBe('allow-list');
      expect(c?.host).toBe('registry.yarnpkg.com');
      expect(c?.message).toContain("the sandbox's registries proxy does not allow that host");
      expect(c?.fix).toContain('--no-sandbox');
      expect(c?.retriable).toBe(false);
    }
  });

  it('keeps a TLS cause over a refusal of another host (the refusal is not what stopped the build)', () => {
    expect(buildNetworkCause(NPM.tls, ['CONNECT telemetry.example.com:443'])?.kind).toBe('tls');
  });

  it('a refusal alone does not turn a compile error into the network', () => {
    expect(buildNetworkCause(MAVEN.compile, ['CONNECT evil.example.com:443'])).toBeUndefined();
  });
});
