import { describe, expect, it } from 'vitest';
import {
  describeBuildNetwork,
  hostTrust,
  mavenTrustArgs,
  trustCopies,
  trustEnv,
  upstreamProxy,
} from './host-network.js';

describe("the host's way to the registries, handed to a sandboxed build (pure)", () => {
  it("finds the host's trust: the variables it sets first, then the system's bundles and Java store", () => {
    // This machine: a TLS-inspecting egress proxy whose authority is in the system bundle, named by NODE_EXTRA_CA_CERTS and PIP_CERT.
    const here = new Set(['/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/java/cacerts']);
    expect(
      hostTrust(
        { NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', PIP_CERT: '/etc/ssl/certs/ca-certificates.crt' },
        (p) => here.has(p),
      ),
    ).toEqual({
      caBundle: '/etc/ssl/certs/ca-certificates.crt',
      nodeExtraCa: '/etc/ssl/certs/ca-certificates.crt',
      javaTrustStore: '/etc/ssl/certs/java/cacerts',
    });
    const corp = new Set([
      '/opt/corp/bundle.pem',
      '/opt/corp/extra.pem',
      '/opt/corp/truststore.jks',
      '/etc/pki/tls/certs/ca-bundle.crt',
    ]);
    expect(
      hostTrust(
        {
          SSL_CERT_FILE: '/opt/corp/bundle.pem',
          NODE_EXTRA_CA_CERTS: '/opt/corp/extra.pem',
          MAVEN_OPTS: '-Xmx1g -Djavax.net.ssl.trustStore=/opt/corp/truststore.jks',
        },
        (p) => corp.has(p),
      ),
    ).toEqual({
      caBundle: '/opt/corp/bundle.pem',
      nodeExtraCa: '/opt/corp/extra.pem',
      javaTrustStore: '/opt/corp/truststore.jks',
    });
    // A variable naming a file that is not there is skipped; a RHEL-like system bundle is found.
    expect(hostTrust({ SSL_CERT_FILE: '/gone.pem' }, (p) => p === '/etc/pki/tls/certs/ca-bundle.crt')).toEqual({
      caBundle: '/etc/pki/tls/certs/ca-bundle.crt',
      nodeExtraCa: '/etc/pki/tls/certs/ca-bundle.crt',
      javaTrustStore: undefined,
    });
    expect(hostTrust({}, () => false)).toEqual({
      caBundle: undefined,
      nodeExtraCa: undefined,
      javaTrustStore: undefined,
    });
  });

  it('gives npm, Node, pip, requests, curl, git and Maven the copies the sandbox sees', () => {
    const copies = trustCopies('/s/control', {
      caBundle: '/etc/ssl/certs/ca-certificates.crt',
      nodeExtraCa: '/etc/ssl/certs/ca-certificates.crt',
      javaTrustStore: '/etc/ssl/certs/java/cacerts',
    });
    expect(copies).toEqual({
      caBundle: '/s/control/trust/ca-bundle.pem',
      nodeExtraCa: '/s/control/trust/ca-bundle.pem',
      javaTrustStore: '/s/control/trust/java-cacerts',
    });
    expect(trustEnv(copies)).toEqual({
      NODE_EXTRA_CA_CERTS: '/s/control/trust/ca-bundle.pem',
      npm_config_cafile: '/s/control/trust/ca-bundle.pem',
      PIP_CERT: '/s/control/trust/ca-bundle.pem',
      REQUESTS_CA_BUNDLE: '/s/control/trust/ca-bundle.pem',
      SSL_CERT_FILE: '/s/control/trust/ca-bundle.pem',
      CURL_CA_BUNDLE: '/s/control/trust/ca-bundle.pem',
      GIT_SSL_CAINFO: '/s/control/trust/ca-bundle.pem',
    });
    expect(mavenTrustArgs(copies)).toEqual(['-Djavax.net.ssl.trustStore=/s/control/trust/java-cacerts']);
    expect(trustCopies('/c', { caBundle: '/a.pem', nodeExtraCa: '/b.pem' }).nodeExtraCa).toBe(
      '/c/trust/node-extra-ca.pem',
    );
    expect(trustEnv({})).toEqual({});
    expect(mavenTrustArgs({})).toEqual([]);
  });

  it("chains the registries proxy to the host's proxy, honouring NO_PROXY and credentials", () => {
    expect(upstreamProxy({}, 'registry.npmjs.org')).toBeUndefined();
    expect(upstreamProxy({ https_proxy: 'http://proxy.corp:3128' }, 'registry.npmjs.org')).toEqual({
      host: 'proxy.corp',
      port: 3128,
    });
    expect(upstreamProxy({ HTTPS_PROXY: 'proxy.corp:8080', HTTP_PROXY: 'http://other:1' }, 'pypi.org')).toEqual({
      host: 'proxy.corp',
      port: 8080,
    });
    expect(upstreamProxy({ HTTP_PROXY: 'http://u%40corp:p%3Ass@proxy.corp' }, 'pypi.org')).toEqual({
      host: 'proxy.corp',
      port: 80,
      authorization: `Basic ${Buffer.from('u@corp:p:ss').toString('base64')}`,
    });
    for (const no of ['*', 'registry.npmjs.org', '.npmjs.org', 'npmjs.org', 'localhost, npmjs.org'])
      expect(upstreamProxy({ HTTPS_PROXY: 'http://p:1', NO_PROXY: no }, 'registry.npmjs.org')).toBeUndefined();
    expect(upstreamProxy({ HTTPS_PROXY: 'http://p:1', no_proxy: 'jsorg' }, 'registry.npmjs.org')).toEqual({
      host: 'p',
      port: 1,
    });
  });

  it('says in `kgrade doctor` how a sandboxed build reaches the registries, with the fix when no trust is found', () => {
    const here = describeBuildNetwork(
      {
        caBundle: '/etc/ssl/certs/ca-certificates.crt',
        nodeExtraCa: '/etc/ssl/certs/ca-certificates.crt',
        javaTrustStore: '/etc/ssl/certs/java/cacerts',
      },
      undefined,
    );
    expect(here.summary).toBe(
      "sandboxed builds reach the dependency registries via kgrade's registries proxy, directly from this machine (no HTTPS_PROXY), trusting /etc/ssl/certs/ca-certificates.crt (npm cafile, NODE_EXTRA_CA_CERTS, PIP_CERT, REQUESTS_CA_BUNDLE) and /etc/ssl/certs/java/cacerts (Maven); a build that cannot download is not gradable (REGISTRY_UNREACHABLE), never the student's",
    );
    expect(here.fix).toBeUndefined();
    const bare = describeBuildNetwork({}, { host: 'proxy.corp', port: 3128, authorization: 'Basic x' });
    expect(bare.summary).toContain(
      "through this machine's proxy proxy.corp:3128 (with its credentials), with no CA bundle found here",
    );
    expect(bare.fix).toMatch(/SSL_CERT_FILE/);
  });
});
