import { useEffect, useState, type RefObject } from 'react';
import { rowWindow, type RowWindow } from './row-window.js';

/**
 * The rows of `count` to render inside the scrolling `container`; every row when there
 * are no more than `threshold` (small tables stay whole: find-in-page, printing).
 */
export function useRowWindow(container: RefObject<HTMLElement | null>, count: number, rowHeight: number, threshold = 300): RowWindow {
  const [view, setView] = useState({ top: 0, height: 800 });
  const windowed = count > threshold;
  useEffect(() => {
    const el = container.current;
    if (!el || !windowed) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    };
    // One update per frame however fast the wheel turns.
    const onScroll = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    measure();
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(onScroll);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [container, windowed]);
  if (!windowed) return { start: 0, end: count, before: 0, after: 0 };
  return rowWindow(view.top, view.height, rowHeight, count);
}
