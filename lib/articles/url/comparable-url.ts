/**
 * Two addresses of one page, as duplicate detection compares them: the WHATWG parser already lower-cases
 * scheme and host and drops a default port (HTTPS://Example.com:443/a is https://example.com/a); the
 * fragment names a place in the page, not another page, so it goes too. The query stays: on many news
 * sites it is what tells one article from another (?id=123).
 */
export function comparableUrl(raw: string): string | null {
  const url = URL.parse(raw.trim());
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
  url.hash = "";
  return url.toString();
}

/**
 * Spellings a stored address may have that compare equal to `key` (a comparableUrl), lower-cased and
 * without fragment, for an index-free first pass in SQL: with or without the default port, and a bare
 * host without its "/".
 */
export function storedSpellings(key: string): string[] {
  const url = new URL(key);
  const hosts = url.port ? [url.host] : [url.host, `${url.host}:${url.protocol === "https:" ? "443" : "80"}`];
  const paths = url.pathname === "/" && !url.search ? ["/", ""] : [`${url.pathname}${url.search}`];
  return hosts.flatMap((host) => paths.map((path) => `${url.protocol}//${host}${path}`.toLowerCase()));
}
