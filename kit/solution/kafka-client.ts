import fs from 'node:fs';
import path from 'node:path';

/**
 * The Kafka client a solution declares, read from its dependency files: hints then give a fix in that
 * client's own terms. Families share behaviour (every librdkafka binding has librdkafka's partitioners).
 */
export type ClientFamily = 'kafkajs' | 'java' | 'librdkafka' | 'franz-go' | 'sarama' | 'kafka-go' | 'kafka-python';

export interface DetectedClient {
  family: ClientFamily;
  /** The package as the file names it (`confluent-kafka`, `org.springframework.kafka:spring-kafka`...). */
  library: string;
  /** The file that declares it, relative to the solution's folder. */
  file: string;
}

/** Files read, relative to the solution's folder (the first level only: no tree walk). */
export const CLIENT_FILES = [
  'package.json',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'requirements.txt',
  'pyproject.toml',
  'setup.py',
  'Pipfile',
  'go.mod',
  'Cargo.toml',
  'kgrade.json',
] as const;

interface Rule {
  family: ClientFamily;
  library: string;
  /** Matched against the file's text. */
  pattern: RegExp;
}

const NODE: Rule[] = [
  { family: 'kafkajs', library: 'kafkajs', pattern: /"kafkajs"\s*:/ },
  { family: 'librdkafka', library: 'node-rdkafka', pattern: /"node-rdkafka"\s*:/ },
  { family: 'librdkafka', library: '@confluentinc/kafka-javascript', pattern: /"@confluentinc\/kafka-javascript"\s*:/ },
];
const JVM: Rule[] = [
  { family: 'java', library: 'spring-kafka', pattern: /spring-kafka/ },
  { family: 'java', library: 'kafka-clients', pattern: /kafka-clients/ },
  { family: 'java', library: 'kafka-streams', pattern: /kafka-streams/ },
];
/** A Python requirement: the name at a line's start (requirements.txt) or quoted (pyproject, setup.py, Pipfile, a pip command). */
const py = (name: string) =>
  new RegExp(`(^|["'\\s])${name.replace(/-/g, '[-_]')}(\\[[^\\]]*\\])?\\s*([<>=!~;"'\\s]|$)`, 'im');
const PYTHON: Rule[] = [
  { family: 'librdkafka', library: 'confluent-kafka', pattern: py('confluent-kafka') },
  { family: 'kafka-python', library: 'kafka-python', pattern: py('kafka-python') },
  { family: 'kafka-python', library: 'aiokafka', pattern: py('aiokafka') },
];
const GO: Rule[] = [
  { family: 'franz-go', library: 'github.com/twmb/franz-go', pattern: /github\.com\/twmb\/franz-go/ },
  { family: 'sarama', library: 'github.com/IBM/sarama', pattern: /github\.com\/(IBM|Shopify)\/sarama/ },
  { family: 'kafka-go', library: 'github.com/segmentio/kafka-go', pattern: /github\.com\/segmentio\/kafka-go/ },
  {
    family: 'librdkafka',
    library: 'github.com/confluentinc/confluent-kafka-go',
    pattern: /github\.com\/confluentinc\/confluent-kafka-go/,
  },
];
const RUST: Rule[] = [{ family: 'librdkafka', library: 'rdkafka', pattern: /^\s*rdkafka\s*=/m }];

const RULES: Record<(typeof CLIENT_FILES)[number], Rule[]> = {
  'package.json': NODE,
  'pom.xml': JVM,
  'build.gradle': JVM,
  'build.gradle.kts': JVM,
  'requirements.txt': PYTHON,
  'pyproject.toml': PYTHON,
  'setup.py': PYTHON,
  Pipfile: PYTHON,
  'go.mod': GO,
  'Cargo.toml': RUST,
  // A command runner may install its client in its build command (`pip install confluent-kafka`).
  'kgrade.json': PYTHON,
};

/**
 * Pure: the clients the given files declare (file name -> text), in the order of CLIENT_FILES, one entry per
 * family (the first file that declares it). Empty when none is recognised.
 */
export function detectKafkaClients(files: Partial<Record<string, string>>): DetectedClient[] {
  const found: DetectedClient[] = [];
  for (const file of CLIENT_FILES) {
    const text = files[file];
    if (text === undefined) continue;
    for (const rule of RULES[file]) {
      if (rule.pattern.test(text) && !found.some((f) => f.family === rule.family))
        found.push({ family: rule.family, library: rule.library, file });
    }
  }
  return found;
}

/** The dependency files of a solution's folder (those that exist, 256 KiB each at most). */
export function readClientFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of CLIENT_FILES) {
    try {
      const p = path.join(dir, f);
      if (fs.statSync(p).isFile()) out[f] = fs.readFileSync(p, 'utf8').slice(0, 256 * 1024);
    } catch {
      // absent or unreadable: not a declaration
    }
  }
  return out;
}

/** The clients a solution's folder declares. */
export function solutionKafkaClients(dir: string): DetectedClient[] {
  return detectKafkaClients(readClientFiles(dir));
}

const FAMILY_NAMES: Record<ClientFamily, string> = {
  kafkajs: 'kafkajs',
  java: 'Java client',
  librdkafka: 'librdkafka',
  'franz-go': 'franz-go',
  sarama: 'sarama',
  'kafka-go': 'kafka-go',
  'kafka-python': 'kafka-python',
};

/** `confluent-kafka (librdkafka, requirements.txt)`: how a diagnosis names what it read. */
export function describeClient(c: DetectedClient): string {
  const family = c.family === c.library ? '' : `${FAMILY_NAMES[c.family]}, `;
  return `${c.library} (${family}${c.file})`;
}
