import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { errorMessage } from '../../core/errors.js';
import { waitFor } from '../../core/wait-for.js';
import { ConnectRest } from '../../kit/connect/connect-rest.js';
import { readAll } from '../../kit/readers/topic-reader.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import type { Capability, StepResult } from './capabilities.js';

const skip = (detail: string): StepResult => ({ ok: true, skipped: true, detail });

/** Waits until the connector and its tasks run; the last status seen otherwise. */
async function untilRunning(connect: ConnectRest, name: string): Promise<string | undefined> {
  let last = 'unknown';
  const ok = await waitFor(
    async () => {
      const s = await connect.status(name).catch(() => undefined);
      if (s)
        last = `${s.connector}, tasks: ${s.tasks.map((t) => `${t.state}${t.trace ? ` (${t.trace.split('\n')[0]})` : ''}`).join(', ') || 'none'}`;
      return s?.connector === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING');
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  ).then(
    () => true,
    () => false,
  );
  return ok ? undefined : last;
}

/** Waits until a record of `topic` satisfies `match`; ms it took, or undefined. */
async function recordArrives(
  stack: StartedKafkaStack,
  topic: string,
  match: (value: string | null) => boolean,
  t0: number,
): Promise<number | undefined> {
  return waitFor(
    async () =>
      (await readAll(stack, topic, { timeoutMs: 10_000 }).catch(() => [])).some((r) => match(r.value))
        ? Math.round(performance.now() - t0)
        : undefined,
    { timeoutMs: 60_000, intervalMs: 300 },
  ).catch(() => undefined);
}

/** A FileStream source moving a line the check appends to a file in Connect's shared folder into a topic. */
const fileStreamMovesALine: Capability = {
  name: 'Kafka Connect moves a line (FileStream source)',
  async run(stack, prefix) {
    const { connectUrl, connectFiles } = stack.services;
    if (!connectUrl || !connectFiles) return skip('no Connect with a shared FileStream folder in this stack');
    const connect = new ConnectRest(connectUrl);
    const name = `${prefix}-file-source`;
    const topic = `${prefix}-connect-file`;
    const file = `${prefix}-source.txt`;
    const line = `kgrade stack check ${prefix}`;
    fs.writeFileSync(path.join(connectFiles.hostDir, file), '');
    try {
      const config = {
        'connector.class': 'FileStreamSource',
        'tasks.max': '1',
        file: path.posix.join(connectFiles.connectDir, file),
        topic,
        'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      };
      const created = await connect.call('POST', '/connectors', { name, config });
      if (created.status !== 201)
        return { ok: false, detail: `POST /connectors answered ${created.status}: ${created.text.slice(0, 200)}` };
      const notRunning = await untilRunning(connect, name);
      if (notRunning) return { ok: false, detail: `${name} not RUNNING: ${notRunning}` };
      const t0 = performance.now();
      fs.appendFileSync(path.join(connectFiles.hostDir, file), line + '\n');
      const ms = await recordArrives(stack, topic, (v) => v === line, t0);
      return ms === undefined
        ? { ok: false, detail: `the line appended to ${file} never reached ${topic}` }
        : { ok: true, detail: `a line appended to ${connectFiles.connectDir}/${file} reached ${topic} in ${ms} ms` };
    } finally {
      await connect.deleteAll([name]);
      fs.rmSync(path.join(connectFiles.hostDir, file), { force: true });
    }
  },
};

/** A Debezium PostgreSQL source (pgoutput) capturing a row the check inserts. */
const debeziumCapturesAnInsert: Capability = {
  name: 'Kafka Connect captures a PostgreSQL insert (Debezium)',
  async run(stack, prefix) {
    const { connectUrl, postgres } = stack.services;
    if (!connectUrl || !postgres) return skip('needs both Connect and PostgreSQL in this stack');
    const connect = new ConnectRest(connectUrl);
    const id = prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase();
    const table = `kgrade_${id}`;
    const name = `${prefix}-debezium`;
    const client = new pg.Client({
      host: postgres.host,
      port: postgres.port,
      user: postgres.user,
      password: postgres.password,
      database: postgres.database,
    });
    await client.connect();
    try {
      await client.query(`CREATE TABLE public.${table} (id integer PRIMARY KEY, note text)`);
      const config = {
        'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
        'plugin.name': 'pgoutput',
        'database.hostname': postgres.fromConnect.host,
        'database.port': String(postgres.fromConnect.port),
        'database.user': postgres.user,
        'database.password': postgres.password,
        'database.dbname': postgres.database,
        'topic.prefix': prefix,
        'table.include.list': `public.${table}`,
        'slot.name': table,
        'publication.name': table,
        'publication.autocreate.mode': 'filtered',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter.schemas.enable': 'false',
      };
      const created = await connect.call('POST', '/connectors', { name, config });
      if (created.status !== 201)
        return { ok: false, detail: `POST /connectors answered ${created.status}: ${created.text.slice(0, 200)}` };
      const notRunning = await untilRunning(connect, name);
      if (notRunning) return { ok: false, detail: `${name} not RUNNING: ${notRunning}` };
      const t0 = performance.now();
      await client.query(`INSERT INTO public.${table} (id, note) VALUES (1, $1)`, [prefix]);
      const topic = `${prefix}.public.${table}`;
      const ms = await recordArrives(stack, topic, (v) => !!v && v.includes('"op":"c"') && v.includes(prefix), t0);
      return ms === undefined
        ? { ok: false, detail: `the insert into ${table} never reached ${topic}` }
        : {
            ok: true,
            detail: `an insert into ${table} reached ${topic} (op=c) in ${ms} ms; Connect reaches PostgreSQL at ${postgres.fromConnect.host}:${postgres.fromConnect.port}`,
          };
    } finally {
      await connect.deleteAll([name]);
      await dropSlotAndTable(client, table).catch((e: unknown) =>
        process.stderr.write(`stack check: clean-up of ${table}: ${errorMessage(e)}\n`),
      );
      await client.end().catch(() => undefined);
    }
  },
};

/** The slot stays active for a moment after its connector is deleted. */
async function dropSlotAndTable(client: pg.Client, table: string): Promise<void> {
  await waitFor(
    async () =>
      (await client.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [table])).rowCount ===
      0,
    { timeoutMs: 15_000, intervalMs: 250 },
  ).catch(() => undefined);
  await client.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [
    table,
  ]);
  await client.query(`DROP PUBLICATION IF EXISTS ${table}`);
  await client.query(`DROP TABLE IF EXISTS public.${table}`);
}

/** Real pipelines through Connect, after the capability checks: what `--with connect,postgres` proves. */
export const CONNECT_PIPELINE: Capability[] = [fileStreamMovesALine, debeziumCapturesAnInsert];
