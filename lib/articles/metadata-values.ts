/** An article's metadata as the strings of its form (shared by the import dialog and the article page). */
export type MetadataValues = { title: string; byline: string; source: string; url: string; publishedAt: string; language: string };

/** Detected or stored metadata (dates as Date or ISO strings from JSON) as form values, dates as yyyy-mm-dd. */
export function metadataFromDetected(value: Partial<Record<keyof MetadataValues, string | Date | null | undefined>>): MetadataValues {
  const text = (field: keyof MetadataValues) => (typeof value[field] === "string" ? (value[field] as string) : "");
  const published = value.publishedAt ? new Date(value.publishedAt) : null;
  return {
    title: text("title"),
    byline: text("byline"),
    source: text("source"),
    url: text("url"),
    publishedAt: published && !Number.isNaN(published.getTime()) ? published.toISOString().slice(0, 10) : "",
    language: text("language"),
  };
}
