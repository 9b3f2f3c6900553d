/**
 * Calls a route handler the way Next.js does, with a real Request carrying an API token: integration tests
 * of the HTTP API's rules without a browser or a build.
 */
type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export async function callRoute<P>(
  handler: Handler<P>,
  options: { params: P; token?: string; body?: unknown; query?: Record<string, string>; method?: string },
) {
  const url = new URL("http://margin.test/api/route");
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await handler(
    new Request(url, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve(options.params) },
  );
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (text ? JSON.parse(text) : null) as any };
}
