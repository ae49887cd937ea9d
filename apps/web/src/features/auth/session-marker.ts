/**
 * Remembers, in this browser, that someone was signed in: no identity, just a flag. When the API
 * later says "not signed in", the flag tells an expired session apart from a first visit, so the
 * sign-in page can say why the user is there.
 */
const KEY = 'hushdesk.wasSignedIn';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: fall back to no message
  }
}

export const sessionMarker = {
  set(): void {
    storage()?.setItem(KEY, '1');
  },
  clear(): void {
    storage()?.removeItem(KEY);
  },
  wasSignedIn(): boolean {
    return storage()?.getItem(KEY) === '1';
  },
};
