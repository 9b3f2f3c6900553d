import schema from "@/lib/export/schema.json";

/** The JSON Schema of the `json` export (each `jsonl` line is its `$defs/article`); public, like the API's description. */
export function GET(): Response {
  return Response.json(schema, {
    headers: { "content-type": "application/schema+json; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
