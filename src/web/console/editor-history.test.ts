import { describe, expect, it } from 'vitest';
import { EditHistory } from './editor-history.ts';

describe("the template editor's undo and redo", () => {
  it('undoes and redoes changes in order, and a new change drops what was undone', () => {
    const history = new EditHistory('empty', 200);
    expect(history.canUndo).toBe(false);
    history.changed('one box');
    history.changed('two boxes');
    expect(history.undo()).toBe('one box');
    expect(history.undo()).toBe('empty');
    expect(history.undo()).toBeNull();
    expect(history.redo()).toBe('one box');
    history.changed('a renamed box');
    expect(history.canRedo).toBe(false);
    expect(history.undo()).toBe('one box');
  });

  it('keeps a change continued under one key as one step, and only so many steps', () => {
    const history = new EditHistory('', 3);
    for (const typed of ['c', 'cu', 'cus', 'cust']) history.changed(typed, 'box 1:name');
    history.changed('moved');
    expect(history.undo()).toBe('cust');
    expect(history.undo()).toBe('');
    for (let i = 1; i <= 5; i++) history.changed(`change ${i}`);
    expect([history.undo(), history.undo(), history.undo(), history.undo()]).toEqual(['change 4', 'change 3', 'change 2', null]);
  });
});
