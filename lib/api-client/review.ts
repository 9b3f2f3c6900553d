/**
 * Reviewing from the article page: a decision on a tag, the annotator's "done", the article's workflow
 * status.
 */
import type { AnnotationView } from "@/lib/tags/data";
import type { ArticleStatus, Decision } from "@/lib/vocabulary";
import { call, type Json } from "./call";

export type ReviewRequest = {
  decision: Decision;
  comment?: string | null;
  label?: string;
  start?: number;
  end?: number;
  expectedStatus?: string;
};

/**
 * Accepts or rejects a tag. Offsets in the request are UTF-16 code units, as the editor counts them. A tag
 * decided meanwhile is a 409 whose body carries the tag as it is now.
 */
export const reviewTag = (id: string, request: ReviewRequest) =>
  call<{ annotation: Json<AnnotationView> }>(`/api/annotations/${encodeURIComponent(id)}/review?offsetUnit=utf16`, { body: request });

export const setWorkDone = (articleId: string, done: boolean) =>
  call<{ work: { done: boolean; articleStatus: string } }>(`/api/articles/${encodeURIComponent(articleId)}/work`, {
    method: "PUT",
    body: { done },
  });

export const setArticleStatus = (articleId: string, status: ArticleStatus) =>
  call<{ status: ArticleStatus }>(`/api/articles/${encodeURIComponent(articleId)}/status`, { body: { status } });
