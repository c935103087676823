// Runs axe-core (the npm package, not a CDN copy) in a page and reports WCAG 2.1 A/AA
// violations. The app's Content-Security-Policy rightly forbids injected scripts, so
// the page must come from a context created with `bypassCSP: true` (see
// `axeContextOptions`); that context is used for accessibility checks only, while the
// security tests keep checking the policy itself.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Options to merge into `browser.newContext` for a page axe can be injected into. */
export const axeContextOptions = { bypassCSP: true };

let source;

/**
 * Violations of WCAG 2.1 A/AA on the page as it is now, each as
 * `{ id, impact, help, helpUrl, nodes: [{ target, summary }] }`.
 */
export async function axeViolations(page) {
  source ??= await readFile(AXE_PATH, 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: source });
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      // axe marks this WCAG 2.5.3 rule experimental and skips it unless asked; it is
      // exactly the rule the language button used to break.
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

/** One readable block per violation, for assertion messages. */
export function formatViolations(screen, violations) {
  return violations.map((v) => [
    `[${screen}] ${v.id} (${v.impact}): ${v.help}`,
    `  ${v.helpUrl}`,
    ...v.nodes.slice(0, 10).map((n) => `  - ${n.target}\n      ${String(n.summary).replace(/\n/g, '\n      ')}`),
    v.nodes.length > 10 ? `  … and ${v.nodes.length - 10} more` : '',
  ].filter(Boolean).join('\n')).join('\n');
}
