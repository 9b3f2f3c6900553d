import schema from "@/lib/export/schema.json";
import { contract } from "./contract";

/**
 * The JSON Schema of the `json` export (each `jsonl` line is its `$defs/article`); public, like the API's
 * description. A static answer: no wrapper, nothing to authenticate or parse, and cacheable.
 */
export const GET = Object.assign(
  (): Response =>
    Response.json(schema, {
      headers: { "content-type": "application/schema+json; charset=utf-8", "cache-control": "public, max-age=3600" },
    }),
  { operation: contract.methods.GET },
);
