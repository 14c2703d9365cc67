import type { Locator } from 'playwright-core';

// These functions run in the page (Playwright sends their source), where the DOM exists;
// the test program is compiled without the DOM library, so the little they use is declared here.
interface Rect { top: number; right: number }
interface El { classList: { contains(c: string): boolean }; querySelector(s: string): El | null; querySelectorAll(s: string): Iterable<El>; children: ArrayLike<El>; textContent: string | null; getBoundingClientRect(): Rect }
interface Box extends El { scrollLeft: number; scrollWidth: number; clientWidth: number; offsetHeight: number; clientHeight: number }
declare const document: { createRange(): { selectNodeContents(n: El): void; setEndBefore(n: El): void; getBoundingClientRect(): Rect; getClientRects(): Iterable<Rect> } };
declare function getComputedStyle(el: El): { overflowX: string; borderTopWidth: string; borderBottomWidth: string };

/**
 * For each numeric column (th.num) of a table: the right edge of the header's label minus
 * the right edge of the figures under it, in px. 0 means aligned.
 */
export function columnAlignment(table: Locator): Promise<number[]> {
  return table.evaluate((root) => {
    const el = root as unknown as El;
    // The figure's own right edge: a partial mark after it hangs in the padding on purpose.
    const right = (node: El) => {
      const r = document.createRange();
      r.selectNodeContents(node);
      const mark = node.querySelector('.partial-slot');
      if (mark) r.setEndBefore(mark);
      return r.getBoundingClientRect().right;
    };
    const heads = [...el.querySelectorAll('thead th')];
    const rows = [...el.querySelectorAll('tbody tr')].filter((tr) => !tr.classList.contains('spacer'));
    const out: number[] = [];
    heads.forEach((th, i) => {
      if (!th.classList.contains('num')) return;
      const label = th.querySelector('.sort-label') ?? th;
      const cells = rows.map((tr) => tr.children[i])  .filter((c): c is El => c !== undefined && (c.textContent ?? '').trim() !== '');
      if (cells.length === 0) return;
      out.push(right(label) - Math.max(...cells.map(right)));
    });
    return out;
  });
}

/** How a scroll box overflows: sizes, its overflow style, the scrollbar's height, and whether scrolling reveals the last column. */
export function overflowOf(wrap: Locator): Promise<{ scrollWidth: number; clientWidth: number; overflowX: string; scrollbarHeight: number; lastColumnReachable: boolean }> {
  return wrap.evaluate((el) => {
    const box = el as unknown as Box;
    box.scrollLeft = box.scrollWidth;
    const last = box.querySelector('thead th:last-child');
    const reachable = last !== null && last.getBoundingClientRect().right <= box.getBoundingClientRect().right + 1;
    box.scrollLeft = 0;
    return {
      scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, overflowX: getComputedStyle(box).overflowX,
      scrollbarHeight: box.offsetHeight - box.clientHeight - parseFloat(getComputedStyle(box).borderTopWidth) - parseFloat(getComputedStyle(box).borderBottomWidth),
      lastColumnReachable: reachable,
    };
  });
}

/** How many lines an element's text takes. */
export function textLines(el: Locator): Promise<number> {
  return el.evaluate((node) => {
    const r = document.createRange();
    r.selectNodeContents(node as unknown as El);
    const tops = new Set([...r.getClientRects()].map((rect) => Math.round(rect.top)));
    return tops.size;
  });
}
