/**
 * How the host reaches the dependency registries, handed to a sandboxed build: the certificate authorities it
 * trusts (a TLS-inspecting egress proxy's among them) and the proxy it goes through. The sandbox sees copies of
 * the trust files in its session folder; the proxy (and its credentials) stays outside: the grader's registries
 * proxy chains to it. Pure.
 */

/** Bundles of the system trust store, by distribution. */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];
const SYSTEM_JAVA_STORES = ['/etc/ssl/certs/java/cacerts', '/etc/pki/java/cacerts'];

export interface HostTrust {
  /** A PEM bundle of every authority the host trusts (npm's cafile, pip, curl, OpenSSL). */
  caBundle?: string;
  /** Extra authorities Node adds to its own (NODE_EXTRA_CA_CERTS); the bundle when the host names none. */
  nodeExtraCa?: string;
  /** The Java trust store (JKS/PKCS12) Maven's JVM uses. */
  javaTrustStore?: string;
}

/** The host's trust, from its environment and the system's files (`exists` reads the filesystem). */
export function hostTrust(env: Record<string, string | undefined>, exists: (p: string) => boolean): HostTrust {
  const first = (paths: (string | undefined)[]) => paths.find((p): p is string => !!p && exists(p));
  const caBundle = first([
    env.SSL_CERT_FILE,
    env.REQUESTS_CA_BUNDLE,
    env.PIP_CERT,
    env.npm_config_cafile,
    env.CURL_CA_BUNDLE,
    ...SYSTEM_BUNDLES,
  ]);
  const nodeExtraCa = first([env.NODE_EXTRA_CA_CERTS, caBundle]);
  const javaOpts = `${env.JAVA_TOOL_OPTIONS ?? ''} ${env.MAVEN_OPTS ?? ''}`;
  const javaTrustStore = first([/-Djavax\.net\.ssl\.trustStore=(\S+)/.exec(javaOpts)?.[1], ...SYSTEM_JAVA_STORES]);
  return { caBundle, nodeExtraCa, javaTrustStore };
}

/** Where the sandbox's copies of the trust files are, inside its control folder. */
export function trustCopies(
  control: string,
  t: HostTrust,
): { caBundle?: string; nodeExtraCa?: string; javaTrustStore?: string } {
  return {
    ...(t.caBundle ? { caBundle: `${control}/trust/ca-bundle.pem` } : {}),
    ...(t.nodeExtraCa
      ? {
          nodeExtraCa:
            t.nodeExtraCa === t.caBundle ? `${control}/trust/ca-bundle.pem` : `${control}/trust/node-extra-ca.pem`,
        }
      : {}),
    ...(t.javaTrustStore ? { javaTrustStore: `${control}/trust/java-cacerts` } : {}),
  };
}

/** The variables that make npm, Node, pip, requests, curl and git trust what the host trusts (paths as the sandbox sees them). */
export function trustEnv(t: { caBundle?: string; nodeExtraCa?: string }): Record<string, string> {
  const env: Record<string, string> = {};
  if (t.nodeExtraCa) env.NODE_EXTRA_CA_CERTS = t.nodeExtraCa;
  if (t.caBundle)
    Object.assign(env, {
      npm_config_cafile: t.caBundle,
      PIP_CERT: t.caBundle,
      REQUESTS_CA_BUNDLE: t.caBundle,
      SSL_CERT_FILE: t.caBundle,
      CURL_CA_BUNDLE: t.caBundle,
      GIT_SSL_CAINFO: t.caBundle,
    });
  return env;
}

/** Maven's JVM trusts the host's store (a system property Maven sets before its first download). */
export function mavenTrustArgs(t: { javaTrustStore?: string }): string[] {
  return t.javaTrustStore ? [`-Djavax.net.ssl.trustStore=${t.javaTrustStore}`] : [];
}

export interface UpstreamProxy {
  host: string;
  port: number;
  /** `Basic ...` for Proxy-Authorization, from user:password in the URL. */
  authorization?: string;
}

/**
 * The proxy the host uses for `host` (HTTPS_PROXY, https_proxy, then HTTP_PROXY, http_proxy; NO_PROXY honoured:
 * `*`, a host, a `.suffix` or `suffix`), or undefined to connect directly.
 */
export function upstreamProxy(env: Record<string, string | undefined>, host: string): UpstreamProxy | undefined {
  const raw = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  if (!raw) return undefined;
  const noProxy = (env.NO_PROXY || env.no_proxy || '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const h = host.toLowerCase();
  if (noProxy.some((n) => n === '*' || h === n.replace(/^\./, '') || h.endsWith(n.startsWith('.') ? n : `.${n}`)))
    return undefined;
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const authorization = url.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
    : undefined;
  return { host: url.hostname, port, ...(authorization ? { authorization } : {}) };
}

/** What `kgrade doctor` says of a sandboxed build's way to the registries (one line, with the fix when trust is missing). */
export function describeBuildNetwork(
  t: HostTrust,
  proxy: UpstreamProxy | undefined,
  mirrors: { used: string[]; unusable: string[] } = { used: [], unusable: [] },
): { summary: string; fix?: string } {
  const route = proxy
    ? `through this machine's proxy ${proxy.host}:${proxy.port}${proxy.authorization ? ' (with its credentials)' : ''}`
    : 'directly from this machine (no HTTPS_PROXY)';
  const trust = t.caBundle
    ? `trusting ${t.caBundle}${t.nodeExtraCa && t.nodeExtraCa !== t.caBundle ? ` and ${t.nodeExtraCa} (Node)` : ''} (npm cafile, NODE_EXTRA_CA_CERTS, PIP_CERT, REQUESTS_CA_BUNDLE)${t.javaTrustStore ? ` and ${t.javaTrustStore} (Maven)` : ', no Java trust store (Maven uses its JDK default)'}`
    : 'with no CA bundle found here: behind a TLS-inspecting proxy their downloads fail';
  const mirrorsSaid = mirrors.used.length
    ? `, and this machine's registry mirrors ${mirrors.used.join(', ')} (its npm, pip and Maven settings)`
    : '';
  const fixes = [
    ...(t.caBundle
      ? []
      : [
          'set SSL_CERT_FILE (or NODE_EXTRA_CA_CERTS) to a PEM bundle holding the authorities this machine trusts, or install them with update-ca-certificates',
        ]),
    ...(mirrors.unusable.length
      ? [
          `a sandboxed build cannot use the mirror(s) ${mirrors.unusable.join(', ')} (plain http, or this machine's loopback): serve them over https on a name this machine resolves`,
        ]
      : []),
  ];
  return {
    summary: `sandboxed builds reach the dependency registries via kgrade's registries proxy, ${route}, ${trust}${mirrorsSaid}; a build that cannot download is not gradable (REGISTRY_UNREACHABLE), never the student's`,
    ...(fixes.length ? { fix: fixes.join('; ') } : {}),
  };
}
