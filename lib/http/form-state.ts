/** What a server action returns to its form: a message for the form and one per field. */
export type FormState<Data = undefined> = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** What the user typed, so that a form re-rendered with an error keeps it (never passwords). */
  values?: Record<string, string>;
  data?: Data;
};

export const initialFormState: FormState = {};

/** The text fields of a submitted form, for `FormState.values`. */
export function textValues(form: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? "")]));
}

/** Only same-site paths may be redirected to after sign-in (no open redirect to another host). */
export function safeReturnPath(value: unknown, fallback = "/projects"): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
}
