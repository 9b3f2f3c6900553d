/** Quotation marks that open and close a quotation in news text (curly, straight, guillemets, low-9). */
const OPENING = /^["“‘«„‚‹]/u;
const CLOSING = /["”’»“‹›]\W*$/u;

/** Whether words already carry their own quotation marks at both ends (a tagged quote usually does). */
export function isQuoted(text: string): boolean {
  return OPENING.test(text) && CLOSING.test(text);
}
