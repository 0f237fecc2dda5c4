import { describe, it, expect } from 'vitest';
import { renderJunit } from './junit.js';
import { stripIllegalXmlChars, xmlAttr } from './xml.js';
import { buildErrorResult, notGradableResult, sampleResult } from './sample-result.js';

/** Tiny structural reader: tags and their attributes, enough to check counts. */
function tags(xml: string, name: string): Record<string, string>[] {
  const re = new RegExp(`<${name}((?:\\s+[\\w:-]+="[^"]*")*)\\s*/?>`, 'g');
  return [...xml.matchAll(re)].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}

/** Every element opened is closed, in order (self-closing tags ignored). */
function balanced(xml: string): boolean {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  for (const m of body.matchAll(/<(\/?)([\w:-]+)(?:\s+[\w:-]+="[^"]*")*\s*(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0;
}

describe('renderJunit', () => {
  const xml = renderJunit(sampleResult());

  it('is well formed: declaration, balanced tags, no raw markup from logs', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(balanced(xml)).toBe(true);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
    // every & starts an entity
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/);
  });

  it('has one testsuite named after the exercise with the right counts', () => {
    const suites = tags(xml, 'testsuite');
    expect(suites).toHaveLength(1);
    expect(suites[0]).toMatchObject({
      name: 'ex03-idempotent-producer',
      tests: '5',
      failures: '1',
      errors: '2',
      skipped: '1',
      time: '42.350',
    });
  });

  it('has one testcase per verdict with classname and "<id>: <title en>"', () => {
    const cases = tags(xml, 'testcase');
    expect(cases).toHaveLength(5);
    expect(cases.every((c) => c.classname === 'kgrade.ex03-idempotent-producer')).toBe(true);
    expect(cases.map((c) => c.name)).toEqual([
      'produce-all: All messages are produced',
      'no-duplicates: No duplicate after a network cut',
      'ordering: Per-key ordering is kept',
      'broker-restart: Recovery after a restart',
      'transactions: Transactions (bonus)',
    ]);
    expect(cases[1]!.time).toBe('15.400');
  });

  it('maps statuses to failure / error / skipped elements', () => {
    expect(tags(xml, 'failure')).toHaveLength(1);
    expect(tags(xml, 'failure')[0]!.message).toBe(
      '37 duplicates found in orders-0 after broker 2 was cut off (expected: 0 &amp; &lt;none&gt;).',
    );
    expect(tags(xml, 'error').map((e) => e.type)).toEqual(['error', 'not-gradable']);
    expect(tags(xml, 'skipped')[0]!.message).toBe('Not checked.');
  });

  it('puts standard output in system-out, standard error in system-err, without illegal control characters', () => {
    const out = xml.slice(xml.indexOf('<system-out>'), xml.indexOf('</system-out>'));
    expect(out).toContain('=== ordering (exit code 1, truncated) ===');
    expect(out).toContain('&amp; done');
    expect(out).not.toContain('TypeError');
    const err = xml.slice(xml.indexOf('<system-err>'), xml.indexOf('</system-err>'));
    expect(err).toContain('TypeError: cannot read');
    expect(err).toContain('BROKER_RESTART_TIMEOUT');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('reports an infrastructure error when nothing could be graded', () => {
    const ng = renderJunit(notGradableResult());
    expect(tags(ng, 'testsuite')[0]).toMatchObject({ tests: '1', errors: '1', failures: '0' });
    expect(tags(ng, 'testcase')[0]!.name).toBe('infrastructure');
    expect(balanced(ng)).toBe(true);
  });
});

describe('renderJunit of a build-error run', () => {
  const xml = renderJunit(buildErrorResult(), { lang: 'fr' });
  it('carries the compiler errors in system-err and says "not run" on each testcase, in the language asked', () => {
    const err = xml.slice(xml.indexOf('<system-err>'), xml.indexOf('</system-err>'));
    expect(err).toContain('src/main/java/fr/course/Main.java:64:34 cannot find symbol');
    expect(tags(xml, 'error').map((e) => e.message)).toEqual(
      Array(5).fill('non exécutée : la solution ne se construit pas'),
    );
    expect(tags(xml, 'testcase')[0]!.name).toBe('produce-all: Tous les messages sont produits');
    expect(tags(xml, 'property').find((p) => p.name === 'outcome')!.value).toBe('error');
    expect(balanced(xml)).toBe(true);
  });
});

describe('xml helpers', () => {
  it('strip characters illegal in XML 1.0, keep tab/newline and astral characters', () => {
    expect(stripIllegalXmlChars('a\u0000b\u001bc\td\ne\uFFFEf\uD800g😀')).toBe('abc\td\nefg😀');
  });
  it('escape attributes completely', () => {
    expect(xmlAttr(`<a href="x">'&'\n`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&#10;');
  });
});
