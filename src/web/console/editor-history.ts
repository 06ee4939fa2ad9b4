// The template editor's undo and redo: the states after each change, oldest first. A change
// that continues the one before it (typing in one field of one box, nudging one box with the
// keys, again and again) is one step. Pure, so it is tested alone.
export class EditHistory<S> {
  private readonly undoStack: S[] = [];
  private readonly redoStack: S[] = [];
  private lastKey: string | null = null;

  constructor(
    private current: S,
    private readonly limit: number,
  ) {}

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Records the state after a change; `key` names a change that continues the one before it. */
  changed(state: S, key?: string): void {
    if (!key || key !== this.lastKey) {
      this.undoStack.push(this.current);
      if (this.undoStack.length > this.limit) this.undoStack.shift();
    }
    this.redoStack.length = 0;
    this.current = state;
    this.lastKey = key ?? null;
  }

  /** The state before the last change, or null when there is none. */
  undo(): S | null {
    return this.move(this.undoStack, this.redoStack);
  }

  /** The state the last undo left, or null when there is none. */
  redo(): S | null {
    return this.move(this.redoStack, this.undoStack);
  }

  private move(from: S[], to: S[]): S | null {
    const state = from.pop();
    if (state === undefined) return null;
    to.push(this.current);
    this.current = state;
    this.lastKey = null;
    return state;
  }
}
