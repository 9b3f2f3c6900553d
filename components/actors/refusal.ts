import type { ApiAnswer } from "@/lib/api-client/call";

/** What went wrong with a record's form: the API's message and the field it names ("aliases.3" is the aliases). */
export type Refusal = { field?: string; message: string };

export function refusalOf(answer: ApiAnswer<unknown> & { ok: false }): Refusal {
  const field = (answer.body as { error?: { field?: string } } | undefined)?.error?.field;
  return { field: field?.split(".")[0], message: answer.error };
}
