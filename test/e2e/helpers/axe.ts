import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue } from 'axe-core';

/** axe-core's browser bundle, injected into the page under test. */
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** One rule broken, with the elements that break it, for a readable failure message. */
export interface AxeFinding {
  id: string;
  impact: ImpactValue | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now (WCAG 2.1 A and AA and axe's best practices)
 * and returns the serious and critical violations. The script is injected once per
 * document: hash navigation keeps it.
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ path: AXE_SOURCE });
  const results = await page.evaluate<AxeResults>(
    `axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/**
 * Presses Tab up to `maxTabs` times from the top of the page and returns every element
 * that took the focus without a visible focus indicator (no outline, no box shadow),
 * described by tag, test id or text. An empty list means the keyboard user always
 * sees where they are.
 */
export async function focusWithoutRing(page: Page, maxTabs = 60): Promise<string[]> {
  await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
  const missing: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate<{ key: string; ring: boolean } | null>(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow !== 'none' && s.boxShadow !== '');
      const name = el.getAttribute('data-testid') || el.id || (el.textContent || '').trim().slice(0, 30);
      return { key: el.tagName.toLowerCase() + ':' + name, ring };
    })()`);
    if (info === null) continue;
    if (seen.has(info.key)) continue;
    seen.add(info.key);
    if (!info.ring) missing.push(info.key);
  }
  return missing;
}
