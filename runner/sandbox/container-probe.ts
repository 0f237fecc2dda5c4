import { engineAnswers, listImages } from '../../stack/images.js';

export interface ContainerSandboxStatus {
  usable: boolean;
  detail: string;
  fix?: string;
}

/** Whether `--stack docker --sandbox` can run here: an engine answers and it holds a solution runtime image. */
export async function probeContainerSandbox(): Promise<ContainerSandboxStatus> {
  if (!(await engineAnswers()))
    return { usable: false, detail: 'no Docker engine answers', fix: 'as root: kgrade setup docker' };
  const row = (await listImages(true)).find((r) => r.role === 'solution');
  if (row?.offlinePresent) return { usable: true, detail: `solution runtime image ${row.offline} built` };
  return {
    usable: false,
    detail: `no solution runtime image built${row?.official ? ` (the official ${row.official} is pulled only where a registry answers)` : ''}`,
    fix: 'kgrade images build',
  };
}
