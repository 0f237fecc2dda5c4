import type { ContractDefaults } from '../../engine/exercise.js';

/** ex4's contract (spec.en.md): connector configurations in the solution, and a management service proxying Connect. */
export const EX4_CONTRACT: ContractDefaults = {
  topics: { file: 'file-topic', cdcPrefix: 'dbserver', cdc: 'notifications-cdc' },
  groups: {},
  connectors: { fileSource: 'file-source', fileSink: 'file-sink', postgres: 'notifications-source' },
  files: { source: 'source-data.txt', sink: 'sink-output.txt' },
  endpoints: {
    create: 'POST /connectors',
    update: 'PUT /connectors/{name}/config',
    status: 'GET /connectors/{name}/status',
    pause: 'PUT /connectors/{name}/pause',
    resume: 'PUT /connectors/{name}/resume',
    restart: 'POST /connectors/{name}/tasks/{task}/restart',
    delete: 'DELETE /connectors/{name}',
  },
  envVars: {
    topics: { file: 'KGRADE_TOPIC_FILE', cdcPrefix: 'KGRADE_TOPIC_CDC_PREFIX', cdc: 'KGRADE_TOPIC_CDC' },
    groups: {},
    connectors: {
      fileSource: 'KGRADE_CONNECTOR_FILE_SOURCE',
      fileSink: 'KGRADE_CONNECTOR_FILE_SINK',
      postgres: 'KGRADE_CONNECTOR_POSTGRES',
    },
    files: { source: 'KGRADE_FILE_SOURCE', sink: 'KGRADE_FILE_SINK' },
  },
};

/** The configuration files a solution delivers, by connector key. */
export const CONFIG_FILES = {
  fileSource: 'connectors/file-source.json',
  fileSink: 'connectors/file-sink.json',
  postgres: 'connectors/postgres-source.json',
} as const;
export type ConfigKey = keyof typeof CONFIG_FILES;

export const EX4_RULES = {
  readyTimeoutMs: 120_000,
  /** A connector and its tasks reach RUNNING within this once created. */
  runningTimeoutMs: 30_000,
  /** A line appended to the source file reaches the topic, then the sink file, within this. */
  propagationTimeoutMs: 20_000,
  /** Lines appended for the propagation check. */
  lines: 5,
  /** How long lines appended to a paused source must stay off the topic. */
  pausedWindowMs: 3000,
  /** What Connect says about a sink without a topic: the message the management API must carry back. */
  invalidSinkMessage: 'Must configure one of topics or topics.regex',
  /** Rows in the table before the database connector starts: its snapshot. */
  snapshotRows: 2,
  /** The snapshot and each change reach a topic within this. */
  cdcTimeoutMs: 45_000,
};

/** The per-run PostgreSQL objects a database connector names (not contract names: the grader creates them). */
export function cdcNames(runId: string): { table: string; qualifiedTable: string; slot: string } {
  const id = runId.toLowerCase().replace(/[^a-z0-9]/g, '');
  return { table: `notifications_${id}`, qualifiedTable: `public.notifications_${id}`, slot: `kgrade_${id}` };
}

/** Environment for the database connector's configuration beyond the stack's and the contract's names. */
export function cdcEnv(runId: string): Record<string, string> {
  const n = cdcNames(runId);
  return { KGRADE_PG_TABLE: n.qualifiedTable, KGRADE_PG_SLOT: n.slot };
}
