import { signOf } from '../format/decimal.js';

/**
 * A gain or loss: coloured, and also signed in the text ("+12.30", "−4.10") so colour
 * is never the only cue.
 */
export function Signed({ value, text }: { value: string | null; text: string }) {
  const sign = signOf(value);
  const cls = sign === 1 ? 'pos' : sign === -1 ? 'neg' : 'flat';
  return <span className={cls}>{text}</span>;
}
