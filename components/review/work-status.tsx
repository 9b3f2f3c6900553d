"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { setArticleStatus, setWorkDone } from "@/lib/api-client/review";
import { ARTICLE_STATUS_LABELS } from "@/lib/format";
import { ARTICLE_STATUSES, type ArticleStatus } from "@/lib/vocabulary";

/** `mayMarkDone`: an annotator of the article (an editor, or a reviewer or owner who tagged it; see setWorkDone). */
type Props = {
  articleId: string;
  done: boolean;
  status: ArticleStatus;
  mayMarkDone: boolean;
  canReview: boolean;
  blind: boolean;
  /** Whether the article has tags now: its first moves a new article to in progress (lib/tags/mutations.ts). */
  tagged: boolean;
};

/**
 * The article's place in the workflow: an annotator marks their own work done (in a blind project, only
 * then do they see colleagues' tags, so the page reloads its documents); a reviewer moves the article
 * along (e.g. to done once reviewed).
 */
export function WorkStatus({ articleId, done: initialDone, status: initialStatus, mayMarkDone, canReview, blind, tagged }: Props) {
  const router = useRouter();
  const [done, setDone] = useState(initialDone);
  const [status, setStatus] = useState<ArticleStatus>(initialStatus);
  const [message, setMessage] = useState<string | null>(null);
  // The server moves a new article along when its first tag is stored; show that without a reload.
  const shown: ArticleStatus = tagged && status === "new" ? "in_progress" : status;
  const toggleDone = async () => {
    const answer = await setWorkDone(articleId, !done);
    if (!answer.ok) return setMessage(answer.error);
    setDone(answer.data.work.done);
    setStatus(answer.data.work.articleStatus as ArticleStatus);
    setMessage(null);
    // What a blind annotator may see has changed: the server renders the page for the new scope.
    if (blind) router.refresh();
  };
  const move = async (next: ArticleStatus) => {
    const answer = await setArticleStatus(articleId, next);
    if (!answer.ok) return setMessage(answer.error);
    setStatus(next);
    setMessage(null);
  };
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" aria-label="Workflow">
      {canReview ? (
        <label className="flex items-center gap-2">
          <span className="text-stone-600">Status</span>
          <select
            className="min-h-8 rounded border border-stone-300 bg-white px-1"
            value={shown}
            onChange={(event) => void move(event.target.value as ArticleStatus)}
          >
            {ARTICLE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {ARTICLE_STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="rounded bg-stone-100 px-1.5 text-stone-700">{ARTICLE_STATUS_LABELS[shown]}</span>
      )}
      {(mayMarkDone || done) && (
        <button
          type="button"
          onClick={() => void toggleDone()}
          className={`min-h-8 rounded-md px-3 ${done ? "border border-stone-300 bg-white" : "bg-emerald-700 text-white hover:bg-emerald-800"}`}
        >
          {done ? "Reopen my work" : "Mark my work done"}
        </button>
      )}
      {done && <span className="text-emerald-800">Your work on this article is done.</span>}
      {blind && !done && mayMarkDone && (
        <span className="text-stone-600">Blind annotation: colleagues&apos; tags show once you mark your work done.</span>
      )}
      {message && (
        <span role="alert" className="text-red-800">
          {message}
        </span>
      )}
    </div>
  );
}
