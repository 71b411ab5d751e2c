/** The origin of a configured URL (scheme://host:port), so paths and trailing slashes in AUTH_URL do not matter. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * Whether a request was sent by a page of another site. Browsers send Origin with every POST (same-origin
 * included), so a foreign or "null" Origin is a cross-site page; programs send none and are judged by their
 * credential alone. Sec-Fetch-Site covers a browser that omits Origin.
 */
export function isForeignOrigin(headers: Headers, allowed: readonly string[]): boolean {
  const origin = headers.get('origin');
  if (origin !== null) return !allowed.includes(origin);
  return headers.get('sec-fetch-site') === 'cross-site';
}
