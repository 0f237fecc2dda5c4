import { describe, it, expect } from 'vitest';
import Handlebars from 'handlebars';
import { renderHtml } from './html.js';
import { buildErrorResult, chartResult, crashResult, notGradableResult, sampleResult } from './sample-result.js';

describe('renderHtml', () => {
  const html = renderHtml(sampleResult(), { lang: 'fr' });

  it('is a self-contained document in the requested language', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<link\b|\bsrc=|@import|url\(/i);
    expect(renderHtml(sampleResult(), { lang: 'en' })).toContain('<html lang="en">');
  });

  it('escapes user-supplied text: script tags, ampersands, quotes', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; done');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('0 &amp; &lt;aucun&gt;');
    expect(html).not.toContain('<b>bold</b>');
  });

  it('strips control characters from logs', () => {
    // eslint-disable-next-line no-control-regex
    expect(html).not.toMatch(/[\u0000\u001b]/);
  });

  it('contains the summary: score, percentage, seed, replay command, stack, duration', () => {
    expect(html).toContain('3/12');
    expect(html).toContain('width: 25%');
    expect(html).toContain('424242');
    expect(html).toContain('kgrade grade ex03-idempotent-producer --seed 424242');
    expect(html).toContain('docker');
    expect(html).toContain('3.7.0');
    expect(html).toContain('42,4 s');
  });

  it('contains every check id, one table row per check, evidence data and hints', () => {
    for (const id of ['produce-all', 'no-duplicates', 'ordering', 'broker-restart', 'transactions']) {
      expect(html).toContain(`<code>${id}</code>`);
    }
    const tbody = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    expect(tbody.match(/<tr>/g)).toHaveLength(5);
    expect(html).toContain('&quot;duplicates&quot;: 37');
    expect(html).toContain('Revoir enable.idempotence');
    expect(html).toContain('BROKER_RESTART_TIMEOUT');
  });

  it('folds each log phase in a <details>', () => {
    expect(html.match(/<details class="log"/g)).toHaveLength(2);
    expect(html).toMatch(/<summary>Phase <code>ordering<\/code>/);
  });

  it('has no empty section', () => {
    expect(html).not.toMatch(/<section[^>]*>\s*<\/section>/);
    expect(html).not.toContain('id="charts"');
  });

  it('leads a build-error report with the compiler errors, once, and says "not run" on each check', () => {
    const out = renderHtml(buildErrorResult(), { lang: 'fr' });
    const cause = out.indexOf('id="cause"');
    expect(cause).toBeGreaterThan(0);
    expect(cause).toBeLessThan(out.indexOf('id="summary"'));
    expect(out).toContain('src/main/java/fr/course/Main.java:64:34 cannot find symbol');
    expect(out.match(/non exécutée : la solution ne se construit pas/g)).toHaveLength(5);
    // The Maven output appears once, in a <details>, never as a JSON string with literal \n.
    expect(out.match(/COMPILATION ERROR/g)).toHaveLength(1);
    expect(out).not.toContain('\\n');
    expect(out).toContain('non évaluée');
  });

  it('shows the root cause of a start-up crash at the top', () => {
    const out = renderHtml(crashResult(), { lang: 'en' });
    expect(out.indexOf('Invalid url in bootstrap.servers')).toBeLessThan(out.indexOf('id="summary"'));
    expect(out).toContain('not run: the solution stops at start-up');
  });

  it('draws distributions and timelines as inline SVG with titles in the language, not as raw JSON', () => {
    const out = renderHtml(chartResult(), { lang: 'fr' });
    expect(out.match(/<svg /g)!.length).toBeGreaterThanOrEqual(5);
    expect(out).toContain('Messages par partition');
    expect(out).toContain('Pannes injectées');
    expect(out).not.toContain('unkeyedByPartition');
    expect(out).toContain('Votre fenêtre est TUMBLING');
  });

  it('formats the start time for the language and adds --lang and --stack to the replay line', () => {
    expect(html).toContain('21/11/2024 10:00:00 UTC');
    expect(html).toContain('--seed 424242 --solution students/alice/ex03 --lang fr --stack docker');
    expect(renderHtml(sampleResult(), { lang: 'en' })).toContain('Nov 21, 2024, 10:00:00 UTC');
  });

  it('renders a not-gradable run', () => {
    const out = renderHtml(notGradableResult(), { lang: 'en' });
    expect(out).toContain('Could not grade');
    expect(out).toContain('No check was run.');
    expect(out).toContain('No logs.');
    expect(out).toContain('STACK_START_FAILED');
    expect(out).not.toContain('<div class="score">');
  });

  it('escapes hostile titles and ids everywhere, including <title> and attributes', () => {
    const r = sampleResult();
    r.exercise.id = 'ex"><img onerror=x>';
    r.exercise.title.fr = '</title><script>x()</script>';
    r.verdicts[0]!.id = '<i>id</i>';
    const out = renderHtml(r, { lang: 'fr' });
    expect(out).not.toMatch(/<script\b|<img\b|<i>/);
    expect(out).toContain('&lt;/title&gt;&lt;script&gt;');
    expect(out).toContain('<code>&lt;i&gt;id&lt;/i&gt;</code>');
  });

  it('registers its helpers on a private Handlebars instance only', () => {
    expect(Handlebars.helpers['t']).toBeUndefined();
    expect(Handlebars.helpers['label']).toBeUndefined();
  });
  it('shows the root cause and the last output lines of an error verdict', () => {
    const html = renderHtml(sampleResult(), { lang: 'en' });
    expect(html).toContain('Root cause:');
    expect(html).toContain('ConfigException: Invalid value earliest # comment');
    expect(html).toContain('Last lines of its output:');
  });
});
