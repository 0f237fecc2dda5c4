import pg from 'pg';
import type { PostgresInfo } from '../../stack/started-stack.js';
import { cdcNames } from './contract.js';

/** The grader's own table in the stack's PostgreSQL: what a database source connector must capture. */
export class NotificationsTable {
  readonly names: ReturnType<typeof cdcNames>;
  private nextId = 1;

  constructor(
    private readonly info: PostgresInfo,
    runId: string,
  ) {
    this.names = cdcNames(runId);
  }

  private async run<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({
      host: this.info.host,
      port: this.info.port,
      user: this.info.user,
      password: this.info.password,
      database: this.info.database,
      connectionTimeoutMillis: 10_000,
    });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  /** Creates the table with `rows` rows (the snapshot a connector must read first); returns their ids. */
  async create(rows: number): Promise<number[]> {
    return this.run(async (c) => {
      // Run ids are unique per grading, so this table and slot are new; removing what holds the names stays harmless.
      await c.query(
        'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active',
        [this.names.slot],
      );
      await c.query(`DROP TABLE IF EXISTS ${this.names.qualifiedTable}`);
      await c.query(
        `CREATE TABLE ${this.names.qualifiedTable} (id integer PRIMARY KEY, type text NOT NULL, user_id text NOT NULL, content text NOT NULL)`,
      );
      const ids: number[] = [];
      for (let i = 0; i < rows; i++) ids.push(await this.insertWith(c, `snapshot ${i + 1}`));
      return ids;
    });
  }

  private async insertWith(c: pg.Client, content: string): Promise<number> {
    const id = this.nextId++;
    await c.query(`INSERT INTO ${this.names.qualifiedTable} (id, type, user_id, content) VALUES ($1, 'LIKE', $2, $3)`, [
      id,
      `u-${id}`,
      content,
    ]);
    return id;
  }

  insert(content: string): Promise<number> {
    return this.run((c) => this.insertWith(c, content));
  }

  async update(id: number, content: string): Promise<void> {
    await this.run((c) => c.query(`UPDATE ${this.names.qualifiedTable} SET content = $2 WHERE id = $1`, [id, content]));
  }

  async delete(id: number): Promise<void> {
    await this.run((c) => c.query(`DELETE FROM ${this.names.qualifiedTable} WHERE id = $1`, [id]));
  }

  /** Drops the run's replication slot (a connector deleted keeps it, holding WAL) and table. */
  async drop(): Promise<void> {
    await this.run(async (c) => {
      for (let i = 0; i < 20; i++) {
        const r = await c.query('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [this.names.slot]);
        if (r.rowCount === 0) break;
        if (!r.rows[0].active) {
          await c.query('SELECT pg_drop_replication_slot($1)', [this.names.slot]).catch(() => undefined);
          break;
        }
        await new Promise((res) => setTimeout(res, 250));
      }
      await c.query(`DROP TABLE IF EXISTS ${this.names.qualifiedTable}`);
    }).catch(() => undefined);
  }
}
