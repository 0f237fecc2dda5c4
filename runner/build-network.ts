/**
 * Whether a failed build failed for a network or registry reason (the grader's problem: not gradable, retried)
 * rather than for the solution's own (a compile error, a dependency that does not exist). Reads the lines the
 * build tools themselves write about a download (npm's `npm error code`, Maven's `Could not transfer`, pip's
 * `Retrying ... after connection broken by` / `Could not fetch URL`), never a line of the student's own output,
 * so a compile error that names `ConnectException` stays the student's. Pure.
 */

export type NetworkCauseKind =
  | 'tls'
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'reset'
  | 'server-error'
  | 'proxy'
  | 'allow-list';

export interface NetworkCause {
  kind: NetworkCauseKind;
  /** The registry host the tool was reaching, when its log names it. */
  host?: string;
  /** The log line that shows it (trimmed). */
  evidence: string;
  /** One line: what happened, and the fix. */
  message: string;
  fix: string;
  /** Whether a later attempt may succeed (a registry down, a DNS hiccup) or not until the machine is fixed (trust, allow-list). */
  retriable: boolean;
}

const NPM_CODES: [RegExp, NetworkCauseKind][] = [
  [
    /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_\w+|ERR_TLS_\w+|ERR_SSL_\w+)$/,
    'tls',
  ],
  [/^(ENOTFOUND|EAI_AGAIN)$/, 'dns'],
  [/^ECONNREFUSED$/, 'refused'],
  [/^(ETIMEDOUT|ESOCKETTIMEDOUT|ERR_SOCKET_TIMEOUT|EIDLETIMEOUT)$/, 'timeout'],
  [/^(ECONNRESET|EPIPE|ENETUNREACH|EHOSTUNREACH)$/, 'reset'],
  [/^E5\d\d$/, 'server-error'],
  [/^(E407|EINVALIDRESPONSE|EINVALIDPROXY)$/, 'proxy'],
];

/** What a line about a transfer says went wrong, in the words of Java, Python's urllib3 and OpenSSL. */
const CAUSE_WORDS: [RegExp, NetworkCauseKind][] = [
  [
    /PKIX path building failed|unable to find valid certification path|SunCertPathBuilderException|CERTIFICATE_VERIFY_FAILED|SSLCertVerificationError|certificate verify failed|self[- ]signed certificate|SSLHandshakeException|SSLError/i,
    'tls',
  ],
  [/Tunnel connection failed|ProxyError|Cannot connect to proxy|Proxy Authentication Required|status: 407/i, 'proxy'],
  [
    /Unknown host|UnknownHostException|Name or service not known|Temporary failure in name resolution|NameResolutionError|No address associated with hostname|nodename nor servname/i,
    'dns',
  ],
  [/Connection refused|ConnectException|\[Errno 111\]/i, 'refused'],
  [/timed out|ConnectTimeoutError|ReadTimeoutError|SocketTimeoutException/i, 'timeout'],
  [
    /Connection reset|Remote end closed connection|RemoteDisconnected|ProtocolError|Network is unreachable|No route to host/i,
    'reset',
  ],
  [
    /status(?: code)?: 5\d\d|Return code is: 5\d\d|HTTP error 5\d\d|5\d\d Server Error|too many 5\d\d error responses/i,
    'server-error',
  ],
  // Maven's words for a proxy that answered the CONNECT with 403 (the sandbox's registries proxy, a corporate one).
  [/authorization failed for .*status: 403/i, 'proxy'],
];

/** Lines in which Maven reports a download it could not make (its warnings are not failures). */
const MAVEN_TRANSFER =
  /Could not transfer|Could not resolve|Failed to read artifact descriptor|Failed to retrieve plugin descriptor|Non-resolvable (?:parent|import) POM|Transfer failed|transfer failed for/i;
/** pip: a retried or skipped download... */
const PIP_TRANSFER =
  /Retrying \(Retry\(.*\) after connection broken by|Could not fetch URL|Could not install packages due to an OSError|HTTPS?ConnectionPool\(|HTTP error 5\d\d while getting/;
/** ...counts only when pip then gave up on a requirement (a retry that later succeeded is no cause). */
const PIP_GAVE_UP =
  /^ERROR: (Could not find a version that satisfies|No matching distribution found|Could not install packages due to an OSError)/;
/** The compiler ran: dependencies were there, the failure is the code's (javac, Maven's compiler plugin). */
const COMPILED = /COMPILATION ERROR|\.java:\[\d+,\d+\]|\.(?:java|kt|scala):\d+: error:/;

function hostIn(line: string): string | undefined {
  const url = /\b(?:https?):\/\/([a-z0-9.-]+)(?::\d+)?/i.exec(line);
  if (url) return url[1]!.toLowerCase();
  const pool = /host='([^']+)'/.exec(line);
  if (pool) return pool[1];
  const unknown = /(?:Unknown host|getaddrinfo \w+) ([a-z0-9.-]+)/i.exec(line);
  return unknown?.[1]?.toLowerCase();
}

/** The npm error code of a failed npm run, and the line naming the request, when npm printed them. */
function npmCause(lines: string[]): { kind: NetworkCauseKind; line: string } | undefined {
  const codeLine = lines.find((l) => /^npm (?:error|ERR!) code \S+/.test(l));
  if (!codeLine) return undefined;
  const code = /code (\S+)/.exec(codeLine)![1]!;
  const kind = NPM_CODES.find(([re]) => re.test(code))?.[1];
  if (!kind) return undefined;
  const detail = lines.find((l) => /^npm (?:error|ERR!) .*(request to https?:|(GET|POST) https?:)/.test(l)) ?? codeLine;
  return { kind, line: detail };
}

function transferCause(lines: string[]): { kind: NetworkCauseKind; line: string } | undefined {
  const pipGaveUp = lines.some((l) => PIP_GAVE_UP.test(l));
  for (const line of lines) {
    const maven = MAVEN_TRANSFER.test(line) && !line.startsWith('[WARNING]');
    const pip = pipGaveUp && PIP_TRANSFER.test(line);
    if (!maven && !pip) continue;
    const kind = CAUSE_WORDS.find(([re]) => re.test(line))?.[1];
    if (kind) return { kind, line };
  }
  return undefined;
}

const WHAT: Record<NetworkCauseKind, string> = {
  tls: 'its TLS certificate is not trusted inside the sandbox',
  dns: 'its name does not resolve',
  refused: 'the connection was refused',
  timeout: 'the connection timed out',
  reset: 'the connection was cut',
  'server-error': 'the registry answered with a server error (5xx)',
  proxy: 'the proxy refused the connection',
  'allow-list': "the sandbox's registries proxy does not allow that host",
};

const FIX: Record<NetworkCauseKind, string> = {
  tls: 'give kgrade the certificate authority this machine trusts (NODE_EXTRA_CA_CERTS or SSL_CERT_FILE naming a bundle that holds it, or install it in /etc/ssl/certs with update-ca-certificates); `kgrade doctor` shows the trust a sandboxed build gets',
  dns: 'check that this machine resolves <host> (`getent hosts <host>`) and, if the solution names that registry itself (.npmrc, pip.conf, pom.xml), that it exists; then grade again',
  refused:
    'check that <host> (or the proxy in HTTPS_PROXY) answers from this machine and, if the solution names that registry itself (.npmrc, pip.conf, pom.xml), that it is one a build can reach; then grade again',
  timeout: 'check the network of this machine and the proxy in HTTPS_PROXY, then grade again (the cohort retries it)',
  reset: 'check the network of this machine and the proxy in HTTPS_PROXY, then grade again (the cohort retries it)',
  'server-error': 'the registry is having trouble: grade again later (the cohort retries it)',
  proxy:
    "check HTTPS_PROXY and its credentials on this machine; a 403 from kgrade's sandbox proxy means the build asked for a host outside the dependency registries",
  'allow-list':
    'a sandboxed build reaches only the dependency registries (npm, Maven Central, PyPI, Go proxy, Debian): depend on packages from those, or grade this solution with --no-sandbox if you trust it',
};

/**
 * The network or registry cause of a failed build, from its output and the CONNECTs the sandbox's registries
 * proxy refused during it (`CONNECT host:port`), or undefined when the failure is the solution's own.
 */
export function buildNetworkCause(output: string, refused: string[] = []): NetworkCause | undefined {
  const lines = output
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.some((l) => COMPILED.test(l))) return undefined;
  const found = npmCause(lines) ?? transferCause(lines);
  const refusedHost = refused.map((r) => /^CONNECT ([^:\s]+)/.exec(r)?.[1]).find(Boolean);
  // A refusal by the sandbox's own proxy explains a proxy error, or a failure that names nothing else.
  if (refusedHost && (!found || found.kind === 'proxy' || found.kind === 'reset')) {
    return cause('allow-list', refusedHost, `kgrade sandbox: refused ${refused[0]}`);
  }
  if (!found) return undefined;
  // pip names the host on a later line than its first retry, or only in "Looking in indexes: <url>".
  const host =
    hostIn(found.line) ??
    lines
      .map((l) =>
        CAUSE_WORDS.find(([re]) => re.test(l))?.[1] === found.kind || /^Looking in indexes: /.test(l)
          ? hostIn(l)
          : undefined,
      )
      .find(Boolean);
  return cause(found.kind, host, found.line);
}

function cause(kind: NetworkCauseKind, host: string | undefined, evidence: string): NetworkCause {
  const short = evidence.length > 300 ? `${evidence.slice(0, 297)}...` : evidence;
  const where = host ? `the registry ${host}` : 'a registry';
  return {
    kind,
    host,
    evidence: short,
    message: `the build could not download its dependencies from ${where}: ${WHAT[kind]} (${short})`,
    fix: FIX[kind].replaceAll('<host>', host ?? 'the registry'),
    retriable: kind !== 'allow-list',
  };
}
