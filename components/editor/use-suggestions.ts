"use client";

import type { Editor } from "@tiptap/react";
import { startTransition, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { SUGGESTION_EVENT, type SuggestionEventDetail } from "@/lib/editor/suggestions";
import {
  acceptSuggestion,
  acceptSuggestionsAbove,
  dismissSuggestion,
  listSuggestions,
  runSuggesters,
  type SuggestionView,
} from "@/lib/api-client/suggestions";
import { placeSuggestions } from "@/lib/suggestions/places";
import { projectDocument } from "@/lib/tags/projection";
import type { Label } from "@/lib/vocabulary";

type Options = {
  editor: Editor | null;
  articleId: string;
  /** Whether this reader may tag (and so read, run and accept suggestions); viewers get none. */
  enabled: boolean;
  /** The frame around the editor, where the extension's events bubble to (lib/editor/suggestions.ts). */
  frame: RefObject<HTMLDivElement | null>;
};

/** Runs `place` once the editor holds the article's text: y-tiptap fills an editor just after creating it. */
function whenContent(editor: Editor, place: () => void): () => void {
  if (projectDocument(editor.state.doc).text) {
    place();
    return () => {};
  }
  const update = () => {
    if (!projectDocument(editor.state.doc).text) return;
    editor.off("update", update);
    place();
  };
  editor.on("update", update);
  return () => editor.off("update", update);
}

/** Runs `work` when the browser is idle (at the latest after a second); the answer cancels it. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(work, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(work, 0);
  return () => clearTimeout(timer);
}

/**
 * The article's suggestions in the editor: loaded once the editor holds the text, placed on it as
 * decorations (lib/editor/suggestions.ts) and listed for the panel; loaded again after a run. Accepting and
 * dismissing (from the keys or the panel) take the suggestion off the text at once and then ask the API;
 * when the API refuses, the problem is shown and the list is loaded again, so that nothing shown is out of
 * step with the server. The list holds only what is on the text: a suggestion whose words an edit changed
 * leaves both.
 */
export function useSuggestions({ editor, articleId, enabled, frame }: Options) {
  const [suggestions, setSuggestions] = useState<SuggestionView[]>([]);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  // What the event listener and the callbacks read without being bound again on each change.
  const shown = useRef<SuggestionView[]>([]);

  const show = useCallback((next: SuggestionView[]) => {
    shown.current = next;
    setSuggestions(next);
  }, []);

  /** Takes suggestions off the text and the list at once (the API is asked afterwards). */
  const drop = useCallback(
    (ids: readonly string[]) => {
      const gone = new Set(ids);
      if (editor && !editor.isDestroyed) editor.commands.removeSuggestions(ids);
      show(shown.current.filter((item) => !gone.has(item.id)));
      setCurrentId((id) => (id !== null && gone.has(id) ? null : id));
    },
    [editor, show],
  );

  const reload = useCallback(() => setVersion((value) => value + 1), []);

  useEffect(() => {
    if (!editor || !enabled) return;
    let cancelled = false;
    let stop = () => {};
    let unschedule = () => {};
    void listSuggestions(articleId).then((answer) => {
      if (cancelled || editor.isDestroyed) return;
      if (!answer.ok) return setProblem(answer.error);
      // Placed once the browser is idle after the text and its tags are on screen: 2,000 suggestions placed
      // and listed at once held the editor's opening back by 0.1–0.25 s (bench/editor.ts); they can come a
      // moment later.
      const place = () => {
        if (cancelled || editor.isDestroyed) return;
        const placed = placeSuggestions(projectDocument(editor.state.doc), answer.data.suggestions);
        const ids = new Set(placed.map((item) => item.id));
        editor.commands.setSuggestions(placed);
        startTransition(() => show(answer.data.suggestions.filter((item) => ids.has(item.id))));
        setCurrentId(null);
      };
      stop = whenContent(editor, () => (unschedule = whenIdle(place)));
    });
    return () => {
      cancelled = true;
      stop();
      unschedule();
    };
  }, [editor, enabled, articleId, version, show]);

  const settle = useCallback(
    (answer: { ok: true } | { ok: false; error: string; status: number }) => {
      if (answer.ok) return setProblem(null);
      setProblem(answer.error);
      // Already decided (here or in another tab): it stays off; anything else, back to what the server has.
      if (answer.status !== 409) reload();
    },
    [reload],
  );

  const accept = useCallback(
    async (id: string) => {
      drop([id]);
      const answer = await acceptSuggestion(id);
      settle(answer);
      if (answer.ok)
        setNotice(
          answer.data.unlinked
            ? "Accepted: it is now your tag, without its speaker or source, which is not a tag yet."
            : "Accepted: it is now your tag.",
        );
    },
    [drop, settle],
  );

  const dismiss = useCallback(
    async (id: string) => {
      drop([id]);
      const answer = await dismissSuggestion(id);
      settle(answer);
      if (answer.ok) setNotice("Dismissed: it will not be suggested to you again.");
    },
    [drop, settle],
  );

  /** Accepts every shown suggestion of `label` scoring at least `minScore`. */
  const acceptAll = useCallback(
    async (label: Label, minScore: number) => {
      drop(shown.current.filter((item) => item.label === label && item.score >= minScore).map((item) => item.id));
      const answer = await acceptSuggestionsAbove(articleId, label, minScore);
      settle(answer);
      if (answer.ok) {
        const { accepted, skipped } = answer.data;
        const left = skipped.length ? ` ${skipped.length} could not be: ${skipped.map((item) => item.message).join(" ")}` : "";
        setNotice(`Accepted ${accepted} suggestion${accepted === 1 ? "" : "s"}.${left}`);
      }
      // The server may have accepted some this page did not show (placed before a correction): read again.
      reload();
    },
    [articleId, drop, settle, reload],
  );

  /** Runs the project's suggesters on this article now, then shows what they found. */
  const run = useCallback(async () => {
    setRunning(true);
    setNotice(null);
    const answer = await runSuggesters(articleId);
    setRunning(false);
    if (!answer.ok) return setProblem(answer.error);
    const failed = answer.data.errors.map((error) => `${error.suggester}: ${error.message}`);
    setProblem(failed.length ? `Some suggesters failed. ${failed.join(" ")}` : null);
    reload();
  }, [articleId, reload]);

  /** Makes a suggestion the one the keys act on, in the text and in the panel. */
  const focus = useCallback(
    (id: string) => {
      if (!editor || editor.isDestroyed) return;
      editor.chain().focusSuggestion(id).focus().run();
      setCurrentId(id);
    },
    [editor],
  );

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const onEvent = (event: Event) => {
      const { action, ids } = (event as CustomEvent<SuggestionEventDetail>).detail;
      if (action === "focus") setCurrentId(ids[0] ?? null);
      else if (action === "dropped") drop(ids);
      else if (action === "accept") void accept(ids[0]!);
      else void dismiss(ids[0]!);
    };
    element.addEventListener(SUGGESTION_EVENT, onEvent);
    return () => element.removeEventListener(SUGGESTION_EVENT, onEvent);
  }, [frame, drop, accept, dismiss]);

  const current = useMemo(() => suggestions.find((item) => item.id === currentId) ?? null, [suggestions, currentId]);
  return { suggestions, current, running, problem, notice, run, accept, dismiss, acceptAll, focus };
}
