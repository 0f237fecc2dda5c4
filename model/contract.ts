/** The names a run uses: the contract's defaults with a run id, or the solution's overrides as they are. */
export interface ContractNames {
  topics: Record<string, string>;
  groups: Record<string, string>;
  endpoints: Record<string, string>;
}

export interface ContractDefaults {
  topics: Record<string, string>;
  groups: Record<string, string>;
  endpoints: Record<string, string>;
  /** Environment variable carrying each name to the solution, e.g. { topics: { main: 'KGRADE_TOPIC' } }. */
  envVars: { topics: Record<string, string>; groups: Record<string, string> };
  /**
   * Where a consumer exercise's application reports what it processed, when it has a choice: the first is
   * the default, the others are chosen with `"sink"` in kgrade.json (ex3: a topic, or a file).
   */
  sinks?: string[];
}
