/**
 * The kinds of names a contract hands to a solution. Each default carries the run id unless the solution's
 * manifest overrides it (then it is used exactly), and travels in the environment variable the contract names.
 * `applicationIds`: a Kafka Streams `application.id` (also its group and internal topics' prefix);
 * `subjects`: schema registry subjects; `connectors`: Kafka Connect connector names; `files`: file names
 * (the run id goes before the extension: `input.txt` -> `input-<run id>.txt`).
 */
export const NAME_KINDS = ['topics', 'groups', 'applicationIds', 'subjects', 'connectors', 'files'] as const;
export type NameKind = (typeof NAME_KINDS)[number];

/** The names a run uses: the contract's defaults with a run id, or the solution's overrides as they are. */
export interface ContractNames {
  topics: Record<string, string>;
  groups: Record<string, string>;
  applicationIds: Record<string, string>;
  subjects: Record<string, string>;
  connectors: Record<string, string>;
  files: Record<string, string>;
  endpoints: Record<string, string>;
}

export interface ContractDefaults {
  topics: Record<string, string>;
  groups: Record<string, string>;
  /** The kinds beyond topics and groups; a contract without them has none. */
  applicationIds?: Record<string, string>;
  subjects?: Record<string, string>;
  connectors?: Record<string, string>;
  files?: Record<string, string>;
  endpoints: Record<string, string>;
  /** Environment variable carrying each name to the solution, e.g. { topics: { main: 'KGRADE_TOPIC' } }. */
  envVars: { topics: Record<string, string>; groups: Record<string, string> } & Partial<
    Record<Exclude<NameKind, 'topics' | 'groups'>, Record<string, string>>
  >;
  /**
   * Where a consumer exercise's application reports what it processed, when it has a choice: the first is
   * the default, the others are chosen with `"sink"` in kgrade.json (ex3: a topic, or a file).
   */
  sinks?: string[];
}
