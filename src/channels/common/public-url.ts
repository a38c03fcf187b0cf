// Links and files in replies may be paths on our own server ("/files/…"); a push platform needs an
// absolute address, which only PUBLIC_BASE_URL gives.

/** `url` as an absolute http(s) address, or null when it is a path and no public address is set. */
export function absoluteUrl(url: string, publicBaseUrl: string | null): string | null {
  if (/^https?:\/\//i.test(url)) return url;
  if (!publicBaseUrl || !url.startsWith("/")) return null;
  return `${publicBaseUrl}${url}`;
}
