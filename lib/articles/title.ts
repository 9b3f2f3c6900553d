/**
 * A title for an article that came without one: its first line when that reads as a headline, else the
 * file's name when that reads as a title ("senate-passes-budget-bill.txt"), else the article's first words.
 * Only a headline-like first line can later be stripped as a repeated headline; a sentence (one ending in a
 * full stop or a closing quotation mark, or a long one) is the article's own first paragraph.
 */
export type TitleChoice = { title: string; from: "first-line" | "file-name" | "first-words" };

/** Longer than this, a first line is a sentence of the article, not a headline. */
const MAX_HEADLINE_WORDS = 20;
const MAX_HEADLINE_LENGTH = 200;
const FIRST_WORDS = 10;
const MAX_FIRST_WORDS_LENGTH = 120;

const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

/**
 * Short, one line, not ending like a sentence: no final full stop, comma, colon or ellipsis, and no closing
 * quotation mark (`“We will rebuild every home.”` is a quotation, however short). "?" and "!" are allowed
 * ("Who pays for the flood wall?"), but not inside quotes.
 */
export function isHeadlineLike(paragraph: string): boolean {
  return (
    paragraph.length > 0 &&
    paragraph.length <= MAX_HEADLINE_LENGTH &&
    !paragraph.includes("\n") &&
    wordsOf(paragraph).length <= MAX_HEADLINE_WORDS &&
    !/[.…,;:。]$/.test(paragraph) &&
    !/[\p{Pf}"'’”»]$/u.test(paragraph)
  );
}

/** Names that say nothing about the article: "article (3)", "scan_0001", "export", "untitled document". */
const GENERIC = new Set(
  "article articles story stories export exported scan scanned document doc file files untitled text copy new page download output data draft final image img tmp temp test sample note notes item items content body clip clipping news feed".split(
    " ",
  ),
);

/**
 * The file name as a title, when it reads as one: at least three words of letters, none of them an id or a
 * hash, and not only generic words. Separators become spaces and the first letter a capital.
 */
export function titleFromFileName(fileName: string): string | null {
  const stem = fileName
    .split(/[\\/]/)
    .at(-1)!
    .replace(/\.[^.]*$/, "")
    .normalize("NFC");
  // A leading date or number ("2025-10-14-…", "03_…") files the article; it is not part of its title.
  const words = stem
    .split(/[\s_.+-]+/u)
    .filter(Boolean)
    .filter((word, index, all) => !all.slice(0, index + 1).every((leading) => /^\d+$/.test(leading)));
  if (words.length < 3 || words.length > MAX_HEADLINE_WORDS) return null;
  // "(3)", "0001", "a1b2c3", "v2": numbering and ids, not words of a title (years and figures stand alone).
  if (words.some((word) => !/^(\p{L}[\p{L}'’]*|\d+)$/u.test(word))) return null;
  const lettered = words.filter((word) => /\p{L}/u.test(word));
  if (lettered.length < 3 || lettered.every((word) => GENERIC.has(word.toLowerCase()))) return null;
  const title = words.join(" ");
  return title[0]!.toLocaleUpperCase() + title.slice(1);
}

/** The first words of the article: a short first line whole, else about ten words and an ellipsis. */
export function firstWords(line: string): string {
  const words = wordsOf(line);
  // Scripts written without spaces have one long "word": cut by characters instead.
  if ([...line].length > MAX_FIRST_WORDS_LENGTH && words.length <= FIRST_WORDS + 2)
    return `${[...line].slice(0, MAX_FIRST_WORDS_LENGTH).join("").trimEnd()}…`;
  if (words.length <= FIRST_WORDS + 2) return line;
  return `${words
    .slice(0, FIRST_WORDS)
    .join(" ")
    .replace(/[\s,;:—–-]+$/u, "")}…`;
}

/** The title of an article from its first paragraph and, when it came in a file, the file's name. */
export function chooseTitle(firstParagraph: string, fileName: string | undefined): TitleChoice | null {
  if (!firstParagraph) return null;
  if (isHeadlineLike(firstParagraph)) return { title: firstParagraph, from: "first-line" };
  const fromName = fileName ? titleFromFileName(fileName) : null;
  if (fromName) return { title: fromName, from: "file-name" };
  return { title: firstWords(firstParagraph.split("\n")[0]!), from: "first-words" };
}
