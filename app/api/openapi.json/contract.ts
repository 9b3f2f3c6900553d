/** This API's description. */
import { defineRoute } from "@/lib/http/contract";

export const contract = defineRoute("/api/openapi.json", {
  GET: { summary: "This document", public: true, responses: { 200: "OpenAPI 3.1" } },
});
