/**
 * The grader's own view of Kafka Connect, over its REST API: what a connector really is (state, config, task
 * traces), whatever a solution says about it. Also the grader's direct actions (validate, clean-up).
 */
export interface ConnectorState {
  connector: string;
  tasks: { id: number; state: string; trace?: string }[];
}

export interface ConnectAnswer {
  status: number;
  json?: unknown;
  text: string;
}

export interface ValidationResult {
  errorCount: number;
  /** "field: message" for each error Connect reports. */
  errors: string[];
}

export class ConnectRest {
  constructor(readonly url: string) {}

  async call(method: string, path: string, body?: unknown, timeoutMs = 15_000): Promise<ConnectAnswer> {
    const r = await fetch(`${this.url}${path}`, {
      method,
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await r.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: r.status, json, text };
  }

  /** The connector's and its tasks' states, or undefined when Connect does not know it (404). */
  async status(name: string): Promise<ConnectorState | undefined> {
    const r = await this.call('GET', `/connectors/${encodeURIComponent(name)}/status`);
    if (r.status === 404) return undefined;
    const j = r.json as
      | { connector?: { state?: string }; tasks?: { id: number; state: string; trace?: string }[] }
      | undefined;
    if (r.status !== 200 || !j?.connector?.state)
      throw new Error(`Connect answered ${r.status} to GET /connectors/${name}/status: ${r.text.slice(0, 200)}`);
    return {
      connector: j.connector.state,
      tasks: (j.tasks ?? []).map((t) => ({ id: t.id, state: t.state, trace: t.trace })),
    };
  }

  /** The connector's configuration as Connect holds it, or undefined when it does not exist. */
  async config(name: string): Promise<Record<string, string> | undefined> {
    const r = await this.call('GET', `/connectors/${encodeURIComponent(name)}/config`);
    if (r.status === 404) return undefined;
    if (r.status !== 200)
      throw new Error(`Connect answered ${r.status} to GET /connectors/${name}/config: ${r.text.slice(0, 200)}`);
    return r.json as Record<string, string>;
  }

  /** 200: it exists, 404: it does not; anything else (409 while the workers rebalance) is no answer and throws. */
  async exists(name: string): Promise<boolean> {
    const r = await this.call('GET', `/connectors/${encodeURIComponent(name)}`);
    if (r.status === 200 || r.status === 404) return r.status === 200;
    throw new Error(`Connect answered ${r.status} to GET /connectors/${name}: ${r.text.slice(0, 200)}`);
  }

  /** Whether Connect reaches the wanted answer (exists or not) within `timeoutMs`; a rebalance delays it. */
  async settlesTo(name: string, want: boolean, timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = await this.exists(name).catch(() => undefined);
      if (now === want) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async list(): Promise<string[]> {
    const r = await this.call('GET', '/connectors');
    return Array.isArray(r.json) ? (r.json as string[]) : [];
  }

  /** `PUT /connector-plugins/{class}/config/validate`: Connect's own verdict on a configuration. */
  async validate(config: Record<string, string>): Promise<ValidationResult> {
    const cls = config['connector.class'] ?? '';
    const r = await this.call('PUT', `/connector-plugins/${encodeURIComponent(cls)}/config/validate`, config, 60_000);
    if (r.status !== 200) {
      const message = (r.json as { message?: string } | undefined)?.message ?? r.text.slice(0, 300);
      return { errorCount: 1, errors: [`connector.class: ${message}`] };
    }
    const j = r.json as { error_count: number; configs: { value: { name: string; errors: string[] } }[] };
    const errors = j.configs.flatMap((c) => c.value.errors.map((e) => `${c.value.name}: ${e}`));
    return { errorCount: j.error_count, errors };
  }

  /**
   * Forgets a source connector's stored offsets, so a later connector of the same name (a replay with the same
   * seed) starts from the beginning of its file or with a snapshot: a deleted connector's offsets stay in
   * Connect's offsets topic. Connect resets offsets only of a STOPPED connector, so a deleted one is created
   * again STOPPED with `config` first; then it is deleted. Best effort: false when Connect did not reset them.
   */
  async forgetOffsets(name: string, config: Record<string, string>): Promise<boolean> {
    const path = `/connectors/${encodeURIComponent(name)}`;
    const exists = await this.settlesTo(name, true, 0);
    const started = exists
      ? await this.call('PUT', `${path}/stop`)
      : await this.call('POST', '/connectors', { name, config: { ...config, name }, initial_state: 'STOPPED' });
    if (started.status >= 300) return false;
    const deadline = Date.now() + 15_000;
    while ((await this.status(name).catch(() => undefined))?.connector !== 'STOPPED') {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 200));
    }
    let reset = await this.call('DELETE', `${path}/offsets`);
    // Right after a stop, the workers may still be rebalancing (409): asked again.
    for (let i = 0; i < 20 && reset.status === 409; i++) {
      await new Promise((r) => setTimeout(r, 250));
      reset = await this.call('DELETE', `${path}/offsets`);
    }
    await this.call('DELETE', path).catch(() => undefined);
    return reset.status === 200;
  }

  /** Deletes connectors (the grader's clean-up; missing ones are fine). */
  async deleteAll(names: string[]): Promise<void> {
    await Promise.all(
      names.map((n) => this.call('DELETE', `/connectors/${encodeURIComponent(n)}`).catch(() => undefined)),
    );
  }
}
