import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import type { ValidationResult } from '../../../kit/connect/connect-rest.js';
import type { Ex4Run } from '../prepare.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface ConfigsObs {
  files: { file: string; problem?: string; connectorClass?: string; validation?: ValidationResult }[];
}

export function judgeConfigs(o: ConfigsObs): Judgement {
  const data = { ...o };
  const bad = o.files.filter((f) => f.problem || !f.validation || f.validation.errorCount > 0);
  if (bad.length) {
    const say = bad.map((f) =>
      f.problem
        ? f.problem
        : `${f.file} (${f.connectorClass ?? 'no connector.class'}): Connect's validation found ${f.validation!.errorCount} error(s): ${f.validation!.errors.join('; ')}`,
    );
    return fail(
      { fr: `Configurations refusées : ${say.join(' ; ')}.`, en: `Configurations refused: ${say.join('; ')}.` },
      data,
    );
  }
  const list = o.files.map((f) => `${f.file} (${f.connectorClass})`).join(', ');
  return pass(
    {
      fr: `Connect valide chaque configuration sans erreur : ${list}.`,
      en: `Connect validates every configuration with no error: ${list}.`,
    },
    data,
  );
}

export const configsValid: CheckDefinition<Ex4Run, ConfigsObs> = {
  id: 'configs-valid',
  title: {
    fr: 'Les configurations de connecteurs passent la validation de Connect',
    en: "Connector configurations pass Connect's validation",
  },
  points: 1,
  hint: {
    fr: 'Chaque fichier connectors/*.json est {"name": ..., "config": {...}} ; testez-le avec PUT /connector-plugins/<classe>/config/validate (un sink lit "topics", au pluriel ; un source écrit dans "topic").',
    en: 'Each connectors/*.json file is {"name": ..., "config": {...}}; try it with PUT /connector-plugins/<class>/config/validate (a sink reads "topics", plural; a source writes to "topic").',
  },
  judgedWhenDead: true,
  async observe(_ctx, run) {
    // Connect validates each configuration on its own: the three are asked at once, reported in file order.
    const files: ConfigsObs['files'] = await Promise.all(
      Object.entries(run.configs).map(async ([key, c]) => {
        if (!c.config) return { file: c.file, problem: c.problem };
        const name = run.names[key as keyof typeof run.names];
        return {
          file: c.file,
          connectorClass: c.config['connector.class'],
          validation: await run.connect.validate({ ...c.config, name }),
        };
      }),
    );
    return { files };
  },
  judge: judgeConfigs,
};
