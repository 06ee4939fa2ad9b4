// The template editor's undo and redo keys, for the whole page while the editor is open: Ctrl+Z
// (⌘Z) undoes, Ctrl+Shift+Z (⇧⌘Z) or Ctrl+Y redoes; in a text field the browser's own undo applies.

/** Listens for the keys until the function it answers is called. */
export function listenForUndoKeys(undo: () => void, redo: () => void): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) undo();
    else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
    else return;
    event.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
