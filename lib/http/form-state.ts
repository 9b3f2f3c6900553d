import { storable, unstorableMessage } from "@/lib/text/storable";

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

/**
 * Errors for the named text fields that hold what PostgreSQL cannot store: checked before the form's schema,
 * whose clean-ups would hide some of it, and before anything is written. In practice that is NUL, since
 * FormData replaces a lone surrogate with U+FFFD. Only fields that are stored are named: passwords are
 * hashed, never stored. None: undefined.
 */
export function unstorableFields(form: FormData, names: string[]): Record<string, string> | undefined {
  const refused = names.filter((name) => {
    const value = form.get(name);
    return typeof value === "string" && !storable(value);
  });
  return refused.length ? Object.fromEntries(refused.map((name) => [name, unstorableMessage(name)])) : undefined;
}

const SAME_SITE = "http://margin.invalid";

/**
 * Only same-site paths may be redirected to after sign-in (no open redirect to another host). Browsers
 * drop tabs and newlines from a URL and read a backslash as a slash, so "/\t/evil.example" or "/\\evil"
 * would leave the site: any control character or backslash is refused, and what remains must resolve to
 * this site's own origin.
 */
export function safeReturnPath(value: unknown, fallback = "/projects"): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/u.test(value)) return fallback;
  try {
    const url = new URL(value, SAME_SITE);
    return url.origin === SAME_SITE ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
