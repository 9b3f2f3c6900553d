/**
 * Datelines: paragraphs made only of date furniture, as scraped pages leave them above the article:
 * "Oct. 14, 2025Updated 12:23 p.m. ET" (the missing space is typical), "Published 14 October 2025",
 * "October 14, 2025 at 9:02 a.m. EDT", "Updated Oct 14, 2025, 12:23 PM ET". The whole paragraph must be
 * read as labels, dates, times and separators, or it is not a dateline: "Updated guidance was published on
 * Oct. 14." is a sentence. A city dateline ("WASHINGTON —") opens the first sentence and is never one.
 *
 * A time counts only with its zone (a bare "9:02 a.m." could be anywhere); without one the date is the day at
 * UTC midnight. US zone names without S/D (ET, CT, MT, PT) follow the US daylight-saving calendar by day.
 */

export type Dateline = { published?: Date; updated?: Date };

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?!\p{L})`;
const WEEKDAY = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*)?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4})(?!\d)`;

/** Each token is tried in turn at the current position (sticky); the paragraph must be all tokens. */
const TOKENS = {
  separator: /[\s,|·•—–/-]+/uy,
  label: /(first published|published|posted|last updated|updated|last modified|modified)(?:\s+on\b|:)?/iuy,
  monthFirst: new RegExp(`${WEEKDAY}${MONTH}\\s*${DAY},?\\s*${YEAR}`, "iuy"),
  dayFirst: new RegExp(`${WEEKDAY}${DAY}\\s+${MONTH},?\\s*${YEAR}`, "iuy"),
  iso: /(\d{4})-(\d{2})-(\d{2})(?!\d)/uy,
  at: /at(?!\p{L})/iuy,
  time: /(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*\(?(ET|EDT|EST|CT|CDT|CST|MT|MDT|MST|PT|PDT|PST|GMT|UTC|BST|CET|CEST)([+-]\d{1,2})?\)?)?(?!\p{L})/iuy,
};

type Day = { year: number; month: number; day: number };
type Segment = { updated: boolean; day?: Day; time?: boolean; minutes?: number };

const FIXED_ZONES: Record<string, number> = { GMT: 0, UTC: 0, BST: 60, CET: 60, CEST: 120 };
const US_ZONES: Record<string, number> = { E: -300, C: -360, M: -420, P: -480 };

/** US daylight saving (since 2007): from the second Sunday of March to the first Sunday of November. */
function usDaylight({ year, month, day }: Day): boolean {
  const sunday = (m: number, nth: number) => 1 + ((7 - new Date(Date.UTC(year, m - 1, 1)).getUTCDay()) % 7) + 7 * (nth - 1);
  if (month > 3 && month < 11) return true;
  if (month === 3) return day >= sunday(3, 2);
  if (month === 11) return day < sunday(11, 1);
  return false;
}

/** Minutes east of UTC for a zone name on a given day. */
function zoneOffset(zone: string, shift: string | undefined, day: Day): number {
  const name = zone.toUpperCase();
  if (name in FIXED_ZONES) return FIXED_ZONES[name]! + (shift ? Number(shift) * 60 : 0);
  const base = US_ZONES[name[0]!]!;
  const daylight = name.length === 2 ? usDaylight(day) : name[1] === "D";
  return base + (daylight ? 60 : 0);
}

function validDay(year: number, month: number, day: number): Day | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? { year, month, day } : null;
}

const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

function instant(segment: Segment): Date | undefined {
  if (!segment.day) return undefined;
  const { year, month, day } = segment.day;
  return new Date(Date.UTC(year, month - 1, day) + (segment.minutes ?? 0) * 60_000);
}

/** Reads a paragraph made only of date furniture, or answers null. */
export function parseDateline(paragraph: string): Dateline | null {
  if (paragraph.includes("\n") || paragraph.length > 160) return null;
  const segments: Segment[] = [];
  let position = 0;
  const match = (token: RegExp) => {
    token.lastIndex = position;
    const found = token.exec(paragraph);
    if (found) position = token.lastIndex;
    return found;
  };
  const current = () => segments.at(-1);
  const addDay = (day: Day | null) => {
    if (!day) return false;
    const open = current();
    if (open && !open.day && !open.time) open.day = day;
    else segments.push({ updated: false, day });
    return true;
  };
  while (position < paragraph.length) {
    let found;
    if (match(TOKENS.separator) || match(TOKENS.at)) continue;
    if ((found = match(TOKENS.label))) {
      segments.push({ updated: /updated|modified/i.test(found[1]!) });
    } else if ((found = match(TOKENS.monthFirst))) {
      if (!addDay(validDay(Number(found[3]), monthNumber(found[1]!), Number(found[2])))) return null;
    } else if ((found = match(TOKENS.dayFirst))) {
      if (!addDay(validDay(Number(found[3]), monthNumber(found[2]!), Number(found[1])))) return null;
    } else if ((found = match(TOKENS.iso))) {
      if (!addDay(validDay(Number(found[1]), Number(found[2]), Number(found[3])))) return null;
    } else if ((found = match(TOKENS.time))) {
      const [, hours, minutes, meridiem, zone, shift] = found;
      let hour = Number(hours);
      // A lone number is not a time: it takes minutes, a.m./p.m. or a zone.
      if (minutes === undefined && !meridiem && !zone) return null;
      if (hour > 23 || Number(minutes ?? 0) > 59 || (meridiem && (hour < 1 || hour > 12))) return null;
      if (meridiem) hour = (hour % 12) + (/p/i.test(meridiem) ? 12 : 0);
      let open = current();
      if (!open || open.time) segments.push((open = { updated: false }));
      // A time after a date-less label ("…2025Updated 12:23 p.m. ET") is on the date read before it.
      open.day ??= segments.findLast((segment) => segment.day)?.day;
      if (!open.day) return null;
      open.time = true;
      // Without a zone the moment is unknown, and the day is what is kept.
      if (zone) open.minutes = hour * 60 + Number(minutes ?? 0) - zoneOffset(zone, shift, open.day);
    } else {
      return null;
    }
  }
  if (!segments.some((segment) => segment.day)) return null;
  const dates = (updated: boolean) =>
    segments
      .filter((segment) => segment.updated === updated)
      .map(instant)
      .filter((date): date is Date => date !== undefined)
      .sort((a, b) => a.getTime() - b.getTime());
  const published = dates(false)[0];
  const updated = dates(true).at(-1);
  return { ...(published && { published }), ...(updated && { updated }) };
}

/** A paragraph where the article has clearly begun: a sentence of a dozen words or more. */
function isBodySentence(paragraph: string): boolean {
  return paragraph.split(/\s+/).length >= 12 && /[.!?…][\p{Pf}"'’”)]*$/u.test(paragraph);
}

/** How far from the top a dateline is looked for: a date later on belongs to the article (a timeline). */
const DATELINE_REACH = 8;

/** The datelines above an article's first sentence, by paragraph index. */
export function findDatelines(paragraphs: string[]): { index: number; dateline: Dateline }[] {
  const found: { index: number; dateline: Dateline }[] = [];
  for (const [index, paragraph] of paragraphs.slice(0, DATELINE_REACH).entries()) {
    if (isBodySentence(paragraph)) break;
    const dateline = parseDateline(paragraph);
    if (dateline) found.push({ index, dateline });
  }
  return found;
}

/** The earliest publication date among datelines ("Updated" ones never count). */
export function earliestPublished(datelines: { dateline: Dateline }[]): Date | undefined {
  return datelines
    .map(({ dateline }) => dateline.published)
    .filter((date): date is Date => date !== undefined)
    .sort((a, b) => a.getTime() - b.getTime())[0];
}

/** The earliest publication date among an article's datelines. */
export function publishedFromDatelines(paragraphs: string[]): Date | undefined {
  return earliestPublished(findDatelines(paragraphs));
}
