/** What a server action returns to its form: a message for the form and one per field. */
export type FormState<Data = undefined> = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  data?: Data;
};

export const initialFormState: FormState = {};

/** Only same-site paths may be redirected to after sign-in (no open redirect to another host). */
export function safeReturnPath(value: unknown, fallback = "/projects"): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
}
