'use client';

import { useCallback, useEffect, useEffectEvent, useState } from 'react';

/** An in-page full-screen toggle (an overlay, not the browser's Fullscreen API): Esc leaves it; `onChange` re-fits the view. */
export function useFullscreen(onChange: () => void) {
  const [fullscreen, setFullscreen] = useState(false);
  // onChange is a fresh closure each render; re-fitting only on toggle is the point.
  const refit = useEffectEvent(onChange);
  useEffect(() => {
    refit();
    if (!fullscreen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setFullscreen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fullscreen]);
  const toggle = useCallback(() => setFullscreen((f) => !f), []);
  const close = useCallback(() => setFullscreen(false), []);
  return { fullscreen, toggle, close };
}
