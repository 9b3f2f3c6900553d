import type { ArticleStatus } from "@/lib/vocabulary";

/** Dates as newsrooms write them ("12 Mar 2026"), in UTC so server and browser render the same text. */
export function formatDate(date: Date | null | undefined): string {
  return date ? date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }) : "";
}

export const ARTICLE_STATUS_LABELS: Record<ArticleStatus, string> = {
  new: "New",
  in_progress: "In progress",
  in_review: "In review",
  done: "Done",
};
