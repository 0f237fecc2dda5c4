/**
 * Commander's own parse errors (unknown option, missing argument, unknown command...) as kgrade's usage errors:
 * one line saying what is wrong and the fix, then where the whole help is, instead of the error and the help.
 */
import type { Command } from 'commander';

/** What a line needs to know of the command that raised the error (plain data, so the wording is unit-tested). */
export interface CommandFacts {
  /** e.g. `kgrade grade`. */
  path: string;
  /** e.g. `[options] <exercises...>`. */
  usage: string;
  options: { flags: string; long?: string; description: string }[];
}

export function commandFacts(cmd: Command): CommandFacts {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return {
    path: names.join(' '),
    usage: cmd.usage(),
    options: cmd.options.map((o) => ({ flags: o.flags, long: o.long, description: o.description })),
  };
}

/** Every command of the tree under `root`, itself included. */
export function allCommands(root: Command): Command[] {
  return [root, ...root.commands.flatMap((c) => allCommands(c as Command))];
}

/** Commander codes that are not errors of the user: help or version asked for, or shown for a bare command group. */
export function isHelpExit(code: string): boolean {
  return code === 'commander.helpDisplayed' || code === 'commander.help' || code === 'commander.version';
}

/** `commander.unknownOption` + `error: unknown option '--formt'\n(Did you mean --format?)` -> one line, without `kgrade: `. */
export function commanderLine(code: string, message: string, cmd: CommandFacts): string {
  const [first, ...rest] = message.replace(/^error: /, '').split('\n');
  const suggestion = rest.join(' ').match(/^\(Did you mean (.+)\?\)$/)?.[1];
  const help = `${cmd.path} --help`;
  const usage = `usage: ${cmd.path} ${cmd.usage}`.trimEnd();
  const quoted = (s: string) => s.match(/'([^']*)'/)?.[1] ?? '';
  switch (code) {
    case 'commander.unknownOption': {
      const flag = quoted(first);
      return suggestion
        ? `unknown option ${flag}; did you mean ${suggestion}? (${help})`
        : `unknown option ${flag} for ${cmd.path}; ${help} lists its options`;
    }
    case 'commander.unknownCommand': {
      const name = quoted(first);
      return suggestion
        ? `unknown command ${name}; did you mean ${suggestion}? (${help})`
        : `unknown command ${name}; ${help} lists the commands`;
    }
    case 'commander.missingArgument':
      return `missing argument <${quoted(first).replace(/\.\.\.$/, '')}>; ${usage} (${help})`;
    case 'commander.optionMissingArgument': {
      const flags = quoted(first);
      const option = cmd.options.find((o) => o.flags === flags);
      const what = option?.description ? `: ${shortened(option.description)}` : '';
      return `option ${option?.long ?? flags} needs a value; give ${flags}${what} (${help})`;
    }
    case 'commander.missingMandatoryOptionValue':
      return `required option ${quoted(first)} not given; ${usage} (${help})`;
    case 'commander.excessArguments': {
      const [, expected, got] = first.match(/Expected (\d+) arguments? but got (\d+)/) ?? [];
      const counts =
        expected === undefined ? '' : ` (${expected === '0' ? 'takes none' : `takes ${expected}`}, got ${got})`;
      return `too many arguments for ${cmd.path}${counts}; ${usage} (${help})`;
    }
    default:
      return `${[first, ...rest].join(' ')}; ${help}`;
  }
}

/** A description on one line, cut after its first clause when long (the help has it whole). */
function shortened(description: string): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  if (flat.length <= 70) return flat;
  const cut = flat.slice(0, 70);
  const clause = cut.search(/ \(|[;:,] /);
  return `${clause > 10 ? cut.slice(0, clause) : cut.trimEnd()}...`;
}
