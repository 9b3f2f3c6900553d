"use client";

import { useEffect, useState } from "react";
import type { TagRecord } from "@/lib/tags/record";
import { listThread, postComment, resolveThread, type ThreadEntry } from "@/lib/api-client/thread";

type Props = { id: string; tag: TagRecord; canComment: boolean; members: { name: string | null; email: string }[] };

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
const who = (person: { name: string | null; email: string }) => person.name ?? person.email;

/**
 * A tag's discussion: comments oldest first, with when it was resolved or reopened. Re-read whenever the
 * tag's live record says the thread changed, so that a colleague's comment appears without a reload.
 */
export function TagThread({ id, tag, canComment, members }: Props) {
  const [entries, setEntries] = useState<ThreadEntry[] | null>(null);
  const [draft, setDraft] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const thread = tag.thread ?? { comments: 0, resolved: false };
  useEffect(() => {
    let live = true;
    void listThread(id).then((answer) => {
      if (!live) return;
      if (answer.ok) setEntries(answer.data.comments);
      else setMessage(answer.error);
    });
    return () => {
      live = false;
    };
  }, [id, thread.comments, thread.resolved]);
  const send = async () => {
    const answer = await postComment(id, draft);
    if (!answer.ok) return setMessage(answer.error);
    setDraft("");
    setMessage(null);
    setEntries((current) => [...(current ?? []), answer.data.comment]);
  };
  const toggle = async () => {
    const answer = await resolveThread(id, !thread.resolved);
    setMessage(answer.ok ? null : answer.error);
  };
  return (
    <section aria-label="Discussion" className="flex flex-col gap-2 border-t border-stone-200 pt-3">
      <p className="flex items-center gap-2">
        <span className="font-medium">Discussion</span>
        <span className="text-xs text-stone-500">{thread.comments === 1 ? "1 comment" : `${thread.comments} comments`}</span>
        {thread.resolved && <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-900">resolved</span>}
      </p>
      <ol className="flex flex-col gap-2" aria-label="Comments">
        {(entries ?? []).map((entry) =>
          entry.kind === "comment" ? (
            <li key={entry.id} className="rounded bg-stone-50 px-2 py-1">
              <p className="text-xs text-stone-600">
                {who(entry.author)}, {when(entry.createdAt)}
              </p>
              <p className="whitespace-pre-wrap">{entry.body}</p>
            </li>
          ) : (
            <li key={entry.id} className="text-xs text-stone-500">
              {who(entry.author)} {entry.kind === "resolve" ? "resolved" : "reopened"} the discussion, {when(entry.createdAt)}
            </li>
          ),
        )}
      </ol>
      {canComment && (
        <>
          <label className="flex flex-col gap-1">
            <span className="sr-only">Write a comment</span>
            <textarea
              id="thread-comment"
              className="rounded border border-stone-300 px-2 py-1"
              rows={2}
              maxLength={10_000}
              placeholder="Comment; @email mentions a colleague"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
            />
          </label>
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              disabled={!draft.trim()}
              onClick={() => void send()}
              className="min-h-8 rounded-md bg-accent px-3 text-white disabled:bg-stone-400"
            >
              Comment
            </button>
            <select
              aria-label="Mention a colleague"
              className="min-h-8 max-w-40 rounded border border-stone-300 bg-white px-1 text-xs"
              value=""
              onChange={(event) =>
                setDraft((current) => `${current}${current && !current.endsWith(" ") ? " " : ""}@${event.target.value} `)
              }
            >
              <option value="">@ mention…</option>
              {members.map((member) => (
                <option key={member.email} value={member.email}>
                  {who(member)}
                </option>
              ))}
            </select>
            {thread.comments > 0 && (
              <button type="button" onClick={() => void toggle()} className="text-xs text-accent underline">
                {thread.resolved ? "Reopen" : "Resolve"}
              </button>
            )}
          </div>
        </>
      )}
      {message && (
        <p role="alert" className="text-xs text-red-800">
          {message}
        </p>
      )}
    </section>
  );
}
