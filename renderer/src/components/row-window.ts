/**
 * Which rows of a long table to render: those in view plus some overscan, so 2,000
 * holdings cost as much as forty. Pure, for the hook below and for tests.
 */
export interface RowWindow {
  start: number;
  end: number;
  /** Heights of the spacers standing in for the rows not rendered. */
  before: number;
  after: number;
}

export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 15): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start, end), before: start * rowHeight, after: Math.max(0, count - Math.max(start, end)) * rowHeight };
}
