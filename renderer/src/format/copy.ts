/**
 * Messages from the core as a person reads them. The core masks secrets with a bracketed
 * marker, which is right for logs and reports but reads like a glitch mid-sentence on
 * screen; the window says "(hidden)" instead. Nothing is revealed: the secret was never here.
 */
export function humanText(text: string): string {
  return text.replace(/\[redacted\]/gi, '(hidden)');
}

/** A message as a sentence: trimmed, with its full stop, so the next sentence does not run on. */
export function sentence(text: string): string {
  const t = humanText(text).trim();
  return t === '' || /[.!?…]$/.test(t) ? t : `${t}.`;
}
