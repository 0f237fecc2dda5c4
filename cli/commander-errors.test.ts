import { describe, expect, it } from 'vitest';
import { type CommandFacts, commanderLine } from './commander-errors.js';

const GRADE: CommandFacts = {
  path: 'kgrade grade',
  usage: '[options] <exercises...>',
  options: [
    { flags: '--format <list>', long: '--format', description: 'console,json,html,junit,classroom,gradescope' },
    {
      flags: '--stack <provider>',
      long: '--stack',
      description:
        'auto|native|docker|external (auto grades on a running `kgrade stack up` when it serves the exercise; external: that stack)',
    },
  ],
};

describe('commanderLine', () => {
  it('names the unknown option and the close one', () => {
    expect(
      commanderLine('commander.unknownOption', "error: unknown option '--formt'\n(Did you mean --format?)", GRADE),
    ).toBe('unknown option --formt; did you mean --format? (kgrade grade --help)');
    expect(commanderLine('commander.unknownOption', "error: unknown option '--zzz'", GRADE)).toBe(
      'unknown option --zzz for kgrade grade; kgrade grade --help lists its options',
    );
  });

  it('names the unknown command and the close ones', () => {
    const top: CommandFacts = { path: 'kgrade', usage: '[options] [command]', options: [] };
    expect(
      commanderLine('commander.unknownCommand', "error: unknown command 'gradee'\n(Did you mean grade?)", top),
    ).toBe('unknown command gradee; did you mean grade? (kgrade --help)');
    expect(
      commanderLine('commander.unknownCommand', "error: unknown command 'x'\n(Did you mean one of list, spec?)", top),
    ).toBe('unknown command x; did you mean one of list, spec? (kgrade --help)');
    expect(commanderLine('commander.unknownCommand', "error: unknown command 'nope'", top)).toBe(
      'unknown command nope; kgrade --help lists the commands',
    );
  });

  it('gives the usage for a missing argument or too many', () => {
    expect(commanderLine('commander.missingArgument', "error: missing required argument 'exercises'", GRADE)).toBe(
      'missing argument <exercises>; usage: kgrade grade [options] <exercises...> (kgrade grade --help)',
    );
    const up: CommandFacts = { path: 'kgrade stack up', usage: '[options]', options: [] };
    expect(
      commanderLine(
        'commander.excessArguments',
        "error: too many arguments for 'up'. Expected 0 arguments but got 1.",
        up,
      ),
    ).toBe(
      'too many arguments for kgrade stack up (takes none, got 1); usage: kgrade stack up [options] (kgrade stack up --help)',
    );
  });

  it("gives an option's value and a short description when the value is missing", () => {
    expect(
      commanderLine('commander.optionMissingArgument', "error: option '--format <list>' argument missing", GRADE),
    ).toBe(
      'option --format needs a value; give --format <list>: console,json,html,junit,classroom,gradescope (kgrade grade --help)',
    );
    expect(
      commanderLine('commander.optionMissingArgument', "error: option '--stack <provider>' argument missing", GRADE),
    ).toBe(
      'option --stack needs a value; give --stack <provider>: auto|native|docker|external... (kgrade grade --help)',
    );
  });

  it('keeps any other error on one line with the help to read', () => {
    expect(
      commanderLine('commander.conflictingOption', "error: option '--a' cannot be used with option '--b'", GRADE),
    ).toBe("option '--a' cannot be used with option '--b'; kgrade grade --help");
  });
});
