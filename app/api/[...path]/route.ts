import { errorJson } from "@/lib/http/api-handler";

/** Any /api path without a route of its own: JSON 404 for every method, never the HTML page. */
function notFound(request: Request): Response {
  return errorJson("not_found", `No API route ${request.method} ${new URL(request.url).pathname}`);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
