import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { UsageError } from './errors.js';

/**
 * A YAML file a user names (a fault schedule, a workload shape, a profile), parsed: one message for a missing file
 * and one for bad syntax, each with its fix. `what` names it in the message ("fault schedule").
 */
export function readYamlFile(file: string, what: string, notFoundHint: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${what} ${file} not found`, notFoundHint);
    throw e;
  }
  try {
    return parseYaml(text);
  } catch (e) {
    throw new UsageError(
      `${what} ${file} is not YAML: ${(e as Error).message.split('\n')[0]}`,
      'fix its syntax (a text with ": " in it needs quotes)',
    );
  }
}
