/**
 * The schema registry's Confluent-compatible REST API, answered as data: status and parsed body, never an
 * exception for a 4xx/5xx. Graders judge statuses themselves because registries differ (Apicurio's ccompat
 * API answers 409 with `error_code: 0`, and 200 `NONE` for a subject without its own compatibility rule
 * where Confluent's answers 404 40408).
 */
export interface RegistryAnswer {
  /** HTTP status; 0 when the registry did not answer (connection refused, timeout). */
  status: number;
  body: unknown;
  /** The first 300 characters of the body as received. */
  text: string;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export async function registryRequest(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<RegistryAnswer> {
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { accept: CONTENT_TYPE, ...(body === undefined ? {} : { 'content-type': CONTENT_TYPE }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // kept as text
    }
    return { status: res.status, body: parsed, text: text.slice(0, 300) };
  } catch (e) {
    return { status: 0, body: undefined, text: (e as Error).message.slice(0, 300) };
  }
}

const enc = encodeURIComponent;

/** GET /subjects/{subject}/versions: the versions a subject holds ([] with the status when it holds none). */
export async function subjectVersions(
  baseUrl: string,
  subject: string,
): Promise<{ status: number; versions: number[]; text: string }> {
  const a = await registryRequest(baseUrl, 'GET', `/subjects/${enc(subject)}/versions`);
  const versions =
    a.status === 200 && Array.isArray(a.body)
      ? (a.body as unknown[]).filter((v): v is number => typeof v === 'number')
      : [];
  return { status: a.status, versions, text: a.text };
}

export interface SubjectVersion {
  status: number;
  id?: number;
  version?: number;
  /** The schema text as stored. */
  schema?: string;
  text: string;
}

/** GET /subjects/{subject}/versions/{version}. */
export async function subjectVersion(
  baseUrl: string,
  subject: string,
  version: number | 'latest',
): Promise<SubjectVersion> {
  const a = await registryRequest(baseUrl, 'GET', `/subjects/${enc(subject)}/versions/${version}`);
  const b = (a.body ?? {}) as { id?: unknown; version?: unknown; schema?: unknown };
  return {
    status: a.status,
    ...(typeof b.id === 'number' ? { id: b.id } : {}),
    ...(typeof b.version === 'number' ? { version: b.version } : {}),
    ...(typeof b.schema === 'string' ? { schema: b.schema } : {}),
    text: a.text,
  };
}

/** GET /schemas/ids/{id}: the schema text an id names. */
export async function schemaById(
  baseUrl: string,
  id: number,
): Promise<{ status: number; schema?: string; text: string }> {
  const a = await registryRequest(baseUrl, 'GET', `/schemas/ids/${id}`);
  const b = (a.body ?? {}) as { schema?: unknown };
  return { status: a.status, ...(typeof b.schema === 'string' ? { schema: b.schema } : {}), text: a.text };
}

/** GET /schemas/ids/{id}/versions: the subjects and versions an id is registered as (both registries answer it). */
export async function idRegistrations(baseUrl: string, id: number): Promise<{ subject: string; version: number }[]> {
  const a = await registryRequest(baseUrl, 'GET', `/schemas/ids/${id}/versions`);
  if (a.status !== 200 || !Array.isArray(a.body)) return [];
  return (a.body as { subject?: unknown; version?: unknown }[])
    .filter((r) => typeof r.subject === 'string' && typeof r.version === 'number')
    .map((r) => ({ subject: r.subject as string, version: r.version as number }));
}

/** GET /config/{subject}: the subject's own compatibility level as the registry reports it. */
export async function subjectCompatibility(
  baseUrl: string,
  subject: string,
): Promise<{ status: number; level?: string; text: string }> {
  const a = await registryRequest(baseUrl, 'GET', `/config/${enc(subject)}`);
  const b = (a.body ?? {}) as { compatibilityLevel?: unknown; compatibility?: unknown };
  const level =
    typeof b.compatibilityLevel === 'string'
      ? b.compatibilityLevel
      : typeof b.compatibility === 'string'
        ? b.compatibility
        : undefined;
  return { status: a.status, ...(level ? { level: level.toUpperCase() } : {}), text: a.text };
}

/** PUT /config/{subject}. */
export async function setSubjectCompatibility(
  baseUrl: string,
  subject: string,
  level: string,
): Promise<RegistryAnswer> {
  return registryRequest(baseUrl, 'PUT', `/config/${enc(subject)}`, { compatibility: level });
}

/** POST /compatibility/subjects/{subject}/versions/latest: whether the registry would accept this Avro schema. */
export async function testCompatibility(
  baseUrl: string,
  subject: string,
  schema: string,
): Promise<{ status: number; compatible?: boolean; text: string }> {
  const a = await registryRequest(baseUrl, 'POST', `/compatibility/subjects/${enc(subject)}/versions/latest`, {
    schema,
  });
  const b = (a.body ?? {}) as { is_compatible?: unknown };
  return {
    status: a.status,
    ...(typeof b.is_compatible === 'boolean' ? { compatible: b.is_compatible } : {}),
    text: a.text,
  };
}

/** POST /subjects/{subject}/versions: registers an Avro schema (status and id, or the refusal). */
export async function registerSchema(
  baseUrl: string,
  subject: string,
  schema: string,
): Promise<{ status: number; id?: number; text: string }> {
  const a = await registryRequest(baseUrl, 'POST', `/subjects/${enc(subject)}/versions`, { schema });
  const b = (a.body ?? {}) as { id?: unknown };
  return { status: a.status, ...(typeof b.id === 'number' ? { id: b.id } : {}), text: a.text };
}

/** Deletes a subject (soft, then permanent where the registry asks for both); absent subjects are fine. */
export async function deleteSubject(baseUrl: string, subject: string): Promise<void> {
  await registryRequest(baseUrl, 'DELETE', `/subjects/${enc(subject)}`);
  await registryRequest(baseUrl, 'DELETE', `/subjects/${enc(subject)}?permanent=true`);
}
