import type { ContractNames } from '../model/contract.js';
import type { StartedKafkaStack } from '../stack/started-stack.js';

/**
 * Removes what an earlier run left under this run's names, so that a name overridden in kgrade.json (run ids
 * make the others unique) starts empty: topics, consumer groups, a Kafka Streams application's group and
 * internal topics (`<application.id>-...`), registry subjects and Connect connectors. Best effort: what cannot
 * be removed shows up later as the check's own evidence; a deleted topic that some broker still lists after
 * 15 s makes the run not gradable (STACK_NOT_READY), rather than racing with its deletion.
 */
export async function freshNames(
  stack: StartedKafkaStack,
  names: Pick<ContractNames, 'topics' | 'groups' | 'applicationIds' | 'subjects' | 'connectors'>,
): Promise<void> {
  const appIds = Object.values(names.applicationIds ?? {});
  const topics = Object.values(names.topics ?? {});
  const groups = [...Object.values(names.groups ?? {}), ...appIds];
  const admin = await stack.admin();
  const existing = await admin.listTopics();
  const stale = existing.filter((t) => topics.includes(t) || appIds.some((id) => t.startsWith(`${id}-`)));
  if (stale.length) {
    await admin.deleteTopics({ topics: stale, timeout: 10_000 });
    // The run creates them again under the same names: only once no broker still holds the deleted ones.
    await stack.waitForTopicsGone(stale);
  }
  if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
  const { registryUrl, connectUrl } = stack.services;
  await Promise.all([
    ...(registryUrl ? Object.values(names.subjects ?? {}).map((s) => deleteSubject(registryUrl, s)) : []),
    ...(connectUrl
      ? Object.values(names.connectors ?? {}).map((c) =>
          ignoreFailure(
            fetch(`${connectUrl}/connectors/${encodeURIComponent(c)}`, {
              method: 'DELETE',
              signal: AbortSignal.timeout(10_000),
            }),
          ),
        )
      : []),
  ]);
}

async function deleteSubject(registryUrl: string, subject: string): Promise<void> {
  const url = `${registryUrl}/subjects/${encodeURIComponent(subject)}`;
  await ignoreFailure(fetch(url, { method: 'DELETE', signal: AbortSignal.timeout(10_000) }));
  await ignoreFailure(fetch(`${url}?permanent=true`, { method: 'DELETE', signal: AbortSignal.timeout(10_000) }));
}

async function ignoreFailure(p: Promise<unknown>): Promise<void> {
  await p.catch(() => undefined);
}
