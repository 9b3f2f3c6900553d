/** The dataset's JSON Schema. */
import { defineRoute } from "@/lib/http/contract";

export const contract = defineRoute("/api/export/schema", {
  GET: {
    summary: "The JSON Schema of the json export (each jsonl line is its $defs/article)",
    public: true,
    responses: { 200: "JSON Schema 2020-12" },
  },
});
