/** Reading a student's Avro schema text as data: what a News schema must hold at each step of the evolution. */
export interface AvroField {
  name: string;
  type: unknown;
  default?: unknown;
  hasDefault: boolean;
}

export interface RecordShape {
  /** The record's name without its namespace. */
  name: string;
  fullName: string;
  fields: AvroField[];
}

/** The record a schema text describes, or undefined when it is not an Avro record. */
export function recordShape(schemaText: string | undefined): RecordShape | undefined {
  if (!schemaText) return undefined;
  let s: unknown;
  try {
    s = JSON.parse(schemaText);
  } catch {
    return undefined;
  }
  if (!s || typeof s !== 'object' || (s as { type?: unknown }).type !== 'record') return undefined;
  const r = s as { name?: unknown; namespace?: unknown; fields?: unknown };
  if (typeof r.name !== 'string' || !Array.isArray(r.fields)) return undefined;
  const name = r.name.split('.').pop()!;
  const fullName =
    r.name.includes('.') || typeof r.namespace !== 'string' || !r.namespace ? r.name : `${r.namespace}.${r.name}`;
  const fields = (r.fields as unknown[])
    .filter(
      (f): f is { name: string; type: unknown; default?: unknown } =>
        !!f && typeof f === 'object' && typeof (f as { name?: unknown }).name === 'string',
    )
    .map((f) => ({ name: f.name, type: f.type, default: f.default, hasDefault: 'default' in f }));
  return { name, fullName, fields };
}

const isString = (t: unknown) =>
  t === 'string' || (!!t && typeof t === 'object' && (t as { type?: unknown }).type === 'string');

/** A `News` record with string fields `title` and `media` (course 004: `News(title: String, media: String)`). */
export function isNews(shape: RecordShape | undefined): boolean {
  if (shape?.name !== 'News') return false;
  const f = (n: string) => shape.fields.find((x) => x.name === n);
  return isString(f('title')?.type) && isString(f('media')?.type);
}

/** `test` as the course's `Option[String] = None`: a union of null (first, so that null can be its default) and string, default null. */
export function isOptionalTest(field: AvroField | undefined): boolean {
  if (!field || !Array.isArray(field.type) || field.type.length !== 2) return false;
  return field.type[0] === 'null' && isString(field.type[1]) && field.hasDefault && field.default === null;
}

/** Describes a record's fields for a diagnosis: `title: string, test: ["null","string"] = null`. */
export function describeFields(shape: RecordShape | undefined): string {
  if (!shape) return 'not an Avro record';
  return `${shape.fullName} { ${shape.fields.map((f) => `${f.name}: ${JSON.stringify(f.type)}${f.hasDefault ? ` = ${JSON.stringify(f.default)}` : ''}`).join(', ')} }`;
}

/** The student's version-1 schema with `test` added as a required string: the change step 3 of the course makes. */
export function withRequiredTest(v1SchemaText: string): string | undefined {
  try {
    const s = JSON.parse(v1SchemaText) as { fields: unknown[] };
    return JSON.stringify({ ...s, fields: [...s.fields, { name: 'test', type: 'string' }] });
  } catch {
    return undefined;
  }
}

/** The grader's own schemas (never the solution's). */
export const GRADER_SCHEMAS = {
  /** Registered first under subjects of their own, so that the solution's ids never start at 1. */
  unrelated: (runId: string, k: number) =>
    JSON.stringify({
      type: 'record',
      name: `Unrelated${k}`,
      namespace: 'kgrade.unrelated',
      doc: `run ${runId}`,
      fields: [{ name: 'n', type: 'long' }],
    }),
  /**
   * A News writer schema the consumer cannot have locally: fields in another order and one more field. Read
   * with a local schema instead of the writer's, its bytes give wrong values (or fail).
   */
  writer: (runId: string) =>
    JSON.stringify({
      type: 'record',
      name: 'News',
      namespace: 'kgrade.writer',
      doc: `run ${runId}`,
      fields: [
        { name: 'source', type: 'string' },
        { name: 'media', type: 'string' },
        { name: 'title', type: 'string' },
      ],
    }),
};
