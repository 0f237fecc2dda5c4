import { describe, it, expect } from 'vitest';
import { renderConsole } from './console.js';
import { buildErrorResult, notGradableResult, sampleResult } from './sample-result.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe('renderConsole', () => {
  it('renders the French report by default wording, without ANSI codes when color=false', () => {
    const out = renderConsole(sampleResult(), { lang: 'fr', color: false });
    expect(out).not.toMatch(ANSI);
    expect(out).toContain('Exercice : Producteur idempotent');
    expect(out).toContain('Score : 3/12');
    expect(out).toContain('Graine : 424242');
    expect(out).toContain('Indice : Revoir enable.idempotence');
    expect(out).toContain('Problèmes d’infrastructure');
    expect(out).toMatch(/Rejouer : kgrade grade ex03-idempotent-producer --seed 424242/);
    expect(out).not.toContain('Hint');
  });

  it('renders English wording with --lang en', () => {
    const out = renderConsole(sampleResult(), { lang: 'en', color: false });
    expect(out).not.toMatch(ANSI);
    expect(out).toContain('Exercise: Idempotent producer');
    expect(out).toContain('Seed: 424242');
    expect(out).toContain('Hint: Check enable.idempotence');
    expect(out).toContain('Infrastructure problems:');
    expect(out).toContain('Replay: kgrade grade');
    expect(out).not.toContain('Indice');
  });

  it('has one line per verdict with its status symbol, points and title', () => {
    const out = renderConsole(sampleResult(), { lang: 'en', color: false });
    const lines = out.split('\n');
    const expected: [string, string, string][] = [
      ['✔', '3/3', 'All messages are produced'],
      ['✘', '0/4', 'No duplicate after a network cut'],
      ['!', '0/2', 'Per-key ordering is kept'],
      ['?', '–/2', 'Recovery after a restart'], // not judged: no 0 charged
      ['-', '0/1', 'Transactions (bonus)'],
    ];
    for (const [symbol, points, title] of expected) {
      const line = lines.find((l) => l.endsWith(title));
      expect(line, title).toBeDefined();
      expect(line!.trim().startsWith(symbol)).toBe(true);
      expect(line).toContain(points);
    }
  });

  it('shows evidence and hint under non-pass verdicts only, indented', () => {
    const out = renderConsole(sampleResult(), { lang: 'en', color: false });
    expect(out).toMatch(/\n {4,}37 duplicates found/);
    expect(out).toMatch(/\n {4,}Technical detail: requires no-duplicates to pass/);
    expect(out).not.toContain('1000 of 1000 messages read'); // pass: no evidence
  });

  it('with verbose, shows one line of evidence under passed checks too', () => {
    const out = renderConsole(sampleResult(), { lang: 'en', color: false, verbose: true });
    expect(out).toMatch(/\n {4,}1000 of 1000 messages read/);
  });

  it('leads a build-error run with the compiler errors and says "not run" on each check', () => {
    const out = renderConsole(buildErrorResult(), { lang: 'fr', color: false });
    expect(out.indexOf('src/main/java/fr/course/Main.java:64:34 cannot find symbol')).toBeLessThan(
      out.indexOf('Tous les messages sont produits'),
    );
    expect(out.match(/non exécutée : la solution ne se construit pas/g)).toHaveLength(5);
    expect(out.match(/COMPILATION ERROR|cannot find symbol/g)).toHaveLength(1);
    expect(out).toContain('--lang fr --stack native');
  });

  it('uses ANSI colours only when color=true', () => {
    expect(renderConsole(sampleResult(), { lang: 'fr', color: true })).toMatch(ANSI);
  });

  it('says when a run could not be graded, and still lists problems', () => {
    const out = renderConsole(notGradableResult(), { lang: 'fr', color: false });
    expect(out).toContain('Correction impossible');
    expect(out).toContain('Aucune vérification exécutée.');
    expect(out).toContain('STACK_START_FAILED');
    expect(out).toContain('Indice (en anglais) : Start Docker');
  });
  it("prints no score for a run that could not be graded (a 0 would read as the student's), and no 0 for its checks", () => {
    const out = renderConsole(notGradableResult(), { lang: 'fr', color: false });
    expect(out).not.toMatch(/Score/);
    expect(out).toMatch(/Graine : \d+/);
    const withCheck = renderConsole(
      { ...notGradableResult(), verdicts: [{ ...sampleResult().verdicts[0]!, status: 'not-gradable', score: 0 }] },
      { lang: 'en', color: false },
    );
    expect(withCheck).not.toMatch(/Score|\b0\/\d/);
    expect(withCheck).toMatch(/ –\/\d+ /);
    expect(renderConsole(sampleResult(), { lang: 'en', color: false })).toMatch(/Score: \d/);
  });
  it("names an infrastructure problem in the report's language, and says its technical detail is the grader's English", () => {
    const r = {
      ...notGradableResult(),
      problems: [
        { code: 'SERVICE_START_TIMEOUT', message: 'broker 2 did not answer within 60 s', hint: 'free some memory' },
      ],
    };
    const fr = renderConsole(r, { lang: 'fr', color: false });
    expect(fr).toContain('! Un service de la pile n’a pas démarré à temps (SERVICE_START_TIMEOUT)');
    expect(fr).toContain('Détail technique (en anglais) : broker 2 did not answer within 60 s');
    const en = renderConsole(r, { lang: 'en', color: false });
    expect(en).toContain('! A service of the stack did not start in time (SERVICE_START_TIMEOUT)');
    expect(en).toContain('Technical detail: broker 2 did not answer');
  });
  it('shows the notes read from the solution before grading, even when it could not be graded', () => {
    const out = renderConsole(
      { ...notGradableResult(), notes: [{ fr: 'VIEWS utilise TUMBLING', en: 'VIEWS uses TUMBLING' }] },
      { lang: 'en', color: false },
    );
    expect(out).toContain('Notes read from your files (not scored):');
    expect(out).toContain('› VIEWS uses TUMBLING');
  });
  it('shows the root cause and the last output lines of an error, once per crash', () => {
    const r = sampleResult();
    const crashed = r.verdicts.find((v) => v.crash)!;
    r.verdicts.push({ ...crashed, id: 'ordering-2' });
    const out = renderConsole(r, { lang: 'en', color: false });
    expect(out).toContain(
      'Root cause: Caused by: org.apache.kafka.common.config.ConfigException: Invalid value earliest # comment',
    );
    expect(out).toContain('Last lines of its output:');
    expect(out).toContain('| \tat org.apache.kafka.common.config.ConfigDef.parse');
    expect(out.match(/Root cause:/g)).toHaveLength(1);
    expect(out).toContain('(same crash as above)');
    expect(renderConsole(sampleResult(), { lang: 'fr', color: false })).toContain('Cause première : Caused by:');
  });
});
