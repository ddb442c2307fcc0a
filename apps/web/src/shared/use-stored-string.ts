import { useCallback, useSyncExternalStore } from 'react';

/** Components in this tab that read a stored value; the `storage` event only covers other tabs. */
const listeners = new Set<() => void>();

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled (private mode, policy): behave as if nothing was stored
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) {
      window.localStorage.removeItem(key);
    } else {
      window.localStorage.setItem(key, value);
    }
  } catch {
    // Not remembering a preference is acceptable; failing the user's action is not.
  }
  for (const listener of listeners) {
    listener();
  }
}

/**
 * A string remembered in localStorage under `key`, kept in step across components and tabs.
 * Returns null when nothing is stored or storage is unavailable.
 */
export function useStoredString(key: string): [string | null, (value: string | null) => void] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const onStorage = (event: StorageEvent) => {
        if (event.key === key || event.key === null) {
          onChange();
        }
      };
      listeners.add(onChange);
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(onChange);
        window.removeEventListener('storage', onStorage);
      };
    },
    [key],
  );
  const value = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const setValue = useCallback((next: string | null) => write(key, next), [key]);
  return [value, setValue];
}
