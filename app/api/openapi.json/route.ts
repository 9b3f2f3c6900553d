import { json } from "@/lib/http/api-handler";
import { openApiDocument } from "@/lib/http/openapi";

export function GET(): Response {
  return json(openApiDocument);
}
