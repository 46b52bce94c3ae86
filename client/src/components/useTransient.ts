import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a passing message ("Your score is in.", "Amira has been let in.") stays on screen. */
export const TRANSIENT_MS = 6000;

/**
 * A message that passes: it is replaced by the next one and goes by itself after a few seconds,
 * so nothing stale stays on the screen. `fades = false` keeps it until it is replaced (an error
 * the person still has to act on).
 */
export function useTransient<T>(): [T | null, (value: T | null, fades?: boolean) => void] {
  const [value, setValue] = useState<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const say = useCallback((next: T | null, fades = true) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setValue(next);
    if (next !== null && fades) timer.current = setTimeout(() => setValue(null), TRANSIENT_MS);
  }, []);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return [value, say];
}
