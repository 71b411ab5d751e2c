'use client';

import { useEffect, useRef } from 'react';

export interface EditorKeyActions {
  newState(): void;
  rename(): void;
  remove(): void;
  toggleFinal(): void;
  setInitial(): void;
  undo(): void;
  redo(): void;
  deselect(): void;
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.closest('dialog[open]') !== null
  );
}

/** Editor shortcuts on the window, ignored while the user types in a field or a dialog is open. */
export function useEditorKeys(actions: EditorKeyActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target)) return;
      const a = ref.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z') {
        if (e.shiftKey) a.redo();
        else a.undo();
      } else if (mod && key === 'y') a.redo();
      else if (mod || e.altKey) handled = false;
      else if (key === 'n') a.newState();
      else if (key === 'e') a.rename();
      else if (key === 'f') a.toggleFinal();
      else if (key === 'i') a.setInitial();
      else if (key === 'delete' || key === 'backspace') a.remove();
      else if (key === 'escape') a.deselect();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
