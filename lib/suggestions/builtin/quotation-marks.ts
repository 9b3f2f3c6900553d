/**
 * Where direct quotations are: pairs of quotation marks, found per paragraph. Curly double quotes and
 * guillemets say which side they are; straight double quotes alternate within a paragraph; curly single
 * quotes count only when "‘" opens after a space and "’" closes before a non-letter (otherwise it is an
 * apostrophe: "don’t", "the ’90s"). A quotation that runs over paragraphs repeats its opening mark at each
 * paragraph's start and closes only at the end (news style): it is one span from the first opening mark to
 * the closing one. A paragraph left open whose next paragraph does not reopen is dropped (unbalanced).
 */
export type Quotation = { start: number; end: number };

type Mark = { open: string; close: string };
const MARKS: Mark[] = [
  { open: "“", close: "”" },
  { open: "«", close: "»" },
  { open: '"', close: '"' },
  { open: "‘", close: "’" },
];

export function findQuotations(text: string): Quotation[] {
  const found: Quotation[] = [];
  for (const mark of MARKS) {
    for (const quotation of scan(text, mark)) {
      if (!found.some((other) => other.start <= quotation.start && quotation.end <= other.end)) found.push(quotation);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function opensAt(text: string, at: number, mark: Mark): boolean {
  if (text[at] !== mark.open) return false;
  if (mark.open === mark.close || mark.open === "‘") return at === 0 || /[\s(\[—–“-]/.test(text[at - 1]!);
  return true;
}

function closesAt(text: string, at: number, mark: Mark): boolean {
  if (text[at] !== mark.close) return false;
  const next = text[at + 1];
  if (mark.open === mark.close || mark.close === "’") return next === undefined || !/[\p{L}\p{N}]/u.test(next);
  return true;
}

function scan(text: string, mark: Mark): Quotation[] {
  const found: Quotation[] = [];
  let open = -1;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === "\n" && open !== -1) {
      // Carried over paragraphs only when the next paragraph opens with the same mark.
      let next = at;
      while (next < text.length && /\s/.test(text[next]!)) next++;
      if (text[next] === mark.open) at = next;
      else open = -1;
      continue;
    }
    if (open === -1) {
      if (opensAt(text, at, mark)) open = at;
    } else if (closesAt(text, at, mark)) {
      found.push({ start: open, end: at + 1 });
      open = -1;
    } else if (mark.open !== mark.close && text[at] === mark.open && mark.open !== "‘") open = at;
  }
  return found;
}
