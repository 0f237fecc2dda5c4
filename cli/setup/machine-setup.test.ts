import { describe, expect, test } from 'vitest';
import { planSetup, type SetupFacts, type SetupPlan } from './machine-setup.mjs';

function facts(over: Partial<SetupFacts> & { tools?: string[]; files?: string[] } = {}): SetupFacts {
  const tools = new Set(over.tools ?? []);
  const files = new Set(over.files ?? []);
  return {
    has: (t) => tools.has(t),
    exists: (f) => files.has(f),
    root: true,
    apt: true,
    sudo: false,
    engineAnswers: false,
    ...over,
  };
}
function ok(plan: SetupPlan): Exclude<SetupPlan, { error: string }> {
  if (plan.error !== undefined) throw new Error(plan.error);
  return plan as Exclude<SetupPlan, { error: string }>;
}
const EVERYTHING = [
  'bwrap',
  'setpriv',
  'prlimit',
  'java',
  'mvn',
  'go',
  'psql',
  'patch',
  'dockerd',
  'debootstrap',
  'chromium',
];

describe('kgrade setup plan', () => {
  test('a machine with everything and an engine up: nothing to run', () => {
    const plan = ok(
      planSetup(
        ['all'],
        facts({ tools: EVERYTHING, files: ['/usr/lib/postgresql/15/bin/postgres'], engineAnswers: true }),
      ),
    );
    expect(plan.commands).toEqual([]);
  });

  test('sandbox without bubblewrap, as root: apt-get installs bubblewrap only', () => {
    const plan = ok(planSetup(['sandbox'], facts({ tools: ['setpriv', 'prlimit'] })));
    expect(plan.packages).toEqual(['bubblewrap']);
    expect(plan.commands).toEqual([
      'apt-get update -q',
      'env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends bubblewrap',
    ]);
  });

  test('machine covers the sandbox too; a package is named once for two tools', () => {
    const plan = ok(
      planSetup(
        ['machine'],
        facts({
          tools: ['java', 'mvn', 'go', 'psql', 'patch', 'bwrap'],
          files: ['/usr/lib/postgresql/15/bin/postgres'],
        }),
      ),
    );
    expect(plan.packages).toEqual(['util-linux']);
  });

  test('without root the commands carry sudo, and docker is started when no engine answers', () => {
    const plan = ok(planSetup(['docker'], facts({ root: false, tools: ['dockerd'] })));
    expect(plan.commands[0]).toBe('sudo apt-get update -q');
    expect(plan.commands[1]).toMatch(/^sudo env DEBIAN_FRONTEND=noninteractive apt-get install .* debootstrap$/);
    expect(plan.commands[2]).toMatch(/^sudo sh -c 'nohup dockerd --iptables=false/);
  });

  test('an engine that answers is not started again; browser brings its fonts', () => {
    const plan = ok(
      planSetup(['docker', 'browser'], facts({ tools: ['dockerd', 'debootstrap'], engineAnswers: true })),
    );
    expect(plan.startDocker).toBe(false);
    expect(plan.packages).toEqual(['chromium', 'fonts-dejavu-core']);
  });

  test('an unknown target or none is a usage error naming the targets', () => {
    expect(planSetup(['python'], facts()).error).toMatch(
      /unknown setup target 'python'; usage: kgrade setup <machine\|sandbox\|docker\|browser\|all/,
    );
    expect(planSetup([], facts()).error).toMatch(/nothing to set up/);
  });
});
