/**
 * Saves text as a file the way both the Electron window and a browser allow: a Blob URL
 * on an `<a download>` (the window's CSP and request filter admit `blob:`; no navigation
 * happens), revoked once the click has handed it over.
 */
export function saveTextFile(fileName: string, text: string, doc: Document = document): void {
  // A byte-order mark lets spreadsheet programs read the UTF-8 as UTF-8.
  const blob = new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // The download has taken its own reference by the next task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
