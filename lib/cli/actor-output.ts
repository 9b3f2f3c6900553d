/**
 * How `margin actors …` shows the registry to a person: aligned columns, one line per row, cut to fit a
 * terminal. Pure, so that the commands stay a list of calls; `--json` prints the API's own shapes instead.
 * Widths count code points, the unit Margin stores (an emoji counts one, as in the offsets).
 */
import type { ActorListRow, ActorRecordView, RegistryChecks, Timeline } from "@/lib/actors/data";

const length = (text: string) => [...text].length;

/** One line of a cell: newlines and tabs would break the columns. Cut to `max` code points, never inside a surrogate pair. */
export function cell(value: string | number | null | undefined, max = 60): string {
  const text = value === null || value === undefined || value === "" ? "—" : String(value).replace(/\s+/g, " ").trim();
  const points = [...text];
  return points.length > max ? `${points.slice(0, max - 1).join("")}…` : text;
}

export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((header, column) => Math.max(length(header), ...rows.map((row) => length(row[column] ?? ""))));
  const line = (row: string[]) =>
    row
      .map((value, column) => (column === row.length - 1 ? value : value + " ".repeat(widths[column]! - length(value))))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

const day = (date: Date | string | null) => (date ? new Date(date).toISOString().slice(0, 10) : "—");

export function actorListLines(actors: ActorListRow[]): string[] {
  return table(
    ["ID", "NAME", "KIND", "MENTIONS", "QUOTES", "CLAIMS", "ARTICLES", "ALIASES"],
    actors.map((actor) => [
      actor.id,
      cell(actor.name, 40),
      cell(actor.kind),
      String(actor.mentions),
      String(actor.quotes),
      String(actor.claims),
      String(actor.articles),
      cell(actor.aliases.join(", "), 60),
    ]),
  );
}

/** A change as "field: before → after"; other events (created, merged…) as their JSON. */
function eventDetails(details: unknown): string {
  const { before, after } = (details ?? {}) as { before?: Record<string, unknown>; after?: Record<string, unknown> };
  if (!before || !after) return JSON.stringify(details);
  return Object.keys(after)
    .map((field) => `${field}: ${JSON.stringify(before[field])} → ${JSON.stringify(after[field])}`)
    .join("; ");
}

export function actorRecordLines(record: ActorRecordView): string[] {
  return [
    `id           ${record.id}`,
    `name         ${record.name}`,
    `aliases      ${record.aliases.length ? record.aliases.join(", ") : "—"}`,
    `kind         ${record.kind ?? "—"}`,
    `external id  ${record.externalId ?? "—"}`,
    `description  ${record.description ?? "—"}`,
    `merged into  ${record.mergedInto ? `${record.mergedInto.name} (${record.mergedInto.id})` : "—"}`,
    `created      ${record.createdAt.toISOString()}`,
    "",
    `merged here (${record.merged.length})`,
    ...(record.merged.length
      ? table(
          ["ID", "NAME", "ALIASES"],
          record.merged.map((merged) => [merged.id, cell(merged.name, 40), cell(merged.aliases.join(", "))]),
        ).map((line) => `  ${line}`)
      : []),
    "",
    `history (${record.history.length}, newest first)`,
    ...table(
      ["AT", "WHAT", "BY", "DETAILS"],
      record.history.map((event) => [
        event.at.toISOString().replace("T", " ").slice(0, 19),
        event.kind,
        // The CLI acts as the operator, who is no user: their changes have no name.
        cell(event.userName ?? "operator", 30),
        cell(eventDetails(event.details), 100),
      ]),
    ).map((line) => `  ${line}`),
  ];
}

export function timelineLines(timeline: Timeline): string[] {
  const items = table(
    ["DATE", "ARTICLE", "WHAT", "STATUS", "TEXT", "BY", "FIGURES"],
    timeline.items.map((item) => [
      day(item.publishedAt),
      cell(item.articleTitle, 30),
      item.kind === "quote" && item.direct !== null ? `quote (${item.direct ? "direct" : "indirect"})` : item.kind,
      item.status,
      cell(item.text, 60),
      cell(item.by, 30),
      cell(item.figures.map((figure) => figure.text).join(", "), 40),
    ]),
  );
  return [
    ...items,
    ...(timeline.truncated ? [`… only the first ${timeline.items.length} items`] : []),
    "",
    `mentioned with: ${timeline.coActors.length ? timeline.coActors.map((actor) => `${actor.name} (${actor.articles})`).join(", ") : "—"}`,
  ];
}

export function checksLines(checks: RegistryChecks): string[] {
  const tags = (title: string, found: RegistryChecks["unlinked"]) => [
    `${title}: ${found.total}`,
    ...found.tags.map((tag) => `  ${tag.id}  ${cell(tag.articleTitle, 30)}  “${cell(tag.text, 60)}”  ${tag.status}`),
    ...(found.total > found.tags.length ? [`  … and ${found.total - found.tags.length} more`] : []),
  ];
  return [
    ...tags("actor tags linked to no record", checks.unlinked),
    ...tags("quotes without a speaker", checks.quotesWithoutSpeaker),
    ...tags("claims without a source", checks.claimsWithoutSource),
    `records whose tags say another kind: ${checks.kinds.length}`,
    ...checks.kinds.map(
      (record) => `  ${record.id}  ${cell(record.name, 40)}  ${record.kinds.map((kind) => `${kind.kind} (${kind.tags})`).join(", ")}`,
    ),
    `same words linked to different records: ${checks.sameWords.length}`,
    ...checks.sameWords.map(
      (group) =>
        `  ${cell(group.articleTitle, 30)}  “${cell(group.words, 40)}”  ${group.records.map((record) => `${record.name} (${record.id})`).join(" / ")}`,
    ),
  ];
}

/** How many problems the checks found, for the summary line. */
export function problemCount(checks: RegistryChecks): number {
  return (
    checks.unlinked.total +
    checks.quotesWithoutSpeaker.total +
    checks.claimsWithoutSource.total +
    checks.kinds.length +
    checks.sameWords.length
  );
}
