"use client";

import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ArticleBody } from "@/components/articles/article-body";
import type { ArticleDoc } from "@/lib/articles/content";
import type { ArticleStatus, Label } from "@/lib/vocabulary";
import { projectDocument } from "@/lib/tags/projection";
import { annotatorsOf, statusOf, type TagRecord } from "@/lib/tags/record";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import { collaborationExtensions } from "@/lib/editor/collaboration";
import { articleExtensions } from "@/lib/editor/extensions";
import { assignColors, Presence, type PresenceUser } from "@/lib/editor/presence";
import { FOCUS_TAG_EVENT, TAG_EVENT, TagKeys } from "@/lib/editor/tag-keys";
import { LABEL_KEYS } from "@/lib/tags/label-styles";
import { TextGuard } from "@/lib/editor/text-guard";
import { TagClient } from "@/lib/tags/client/tag-client";
import { tagSelection } from "@/lib/tags/client/tagging";
import { selectionIsExact, WordSnap } from "@/lib/editor/word-snap";
import { selectionSpan } from "@/lib/tags/client/selection-span";
import { annotatorsIn, defaultFilters, tagVisible, type TagFilters } from "@/lib/review/tag-filters";
import { ComparePanel } from "@/components/review/compare-panel";
import { compareLayers } from "@/lib/review/compare-layers";
import { LayerFilters } from "@/components/review/layer-filters";
import { ReviewQueue } from "@/components/review/review-queue";
import { nextAfterDecision } from "@/lib/review/queue-order";
import { listActorNames } from "@/lib/api-client/actors";
import type { ApiAnswer } from "@/lib/api-client/call";
import { deleteTag, moveTag, restoreTag, updateTag } from "@/lib/api-client/tags";
import { TagHistory } from "@/components/review/tag-history";
import { TagReview } from "@/components/review/tag-review";
import { TagThread } from "@/components/review/tag-thread";
import { WorkStatus } from "@/components/review/work-status";
import { PresenceBar } from "./presence-bar";
import { TagDetails } from "./tag-details";
import { TagPalette } from "./tag-palette";
import { TagPanel, type TagSpanView } from "./tag-panel";
import { TagStyles } from "./tag-styles";
import { TagsHere } from "./tags-here";
import { useArticleDocuments, type ArticleDocuments, type ConnectionState } from "./use-article-documents";
import { useTags } from "./use-tags";

export type EditorPermissions = { canTag: boolean; canEditText: boolean; isOwner: boolean; canReview: boolean; canComment: boolean };
/** The project's review policy as it applies to this reader, and where the article is in the workflow. */
export type ReviewContext = {
  allowSelfReview: boolean;
  blind: boolean;
  done: boolean;
  status: ArticleStatus;
};

type Props = {
  articleId: string;
  slug: string;
  user: { id: string; name: string };
  permissions: EditorPermissions;
  review: ReviewContext;
  members: { id: string; name: string | null; email: string }[];
  initialContent: ArticleDoc;
  language: string | null;
  /** A tag to open at once (a link from a mention). */
  initialTag?: string;
};

/**
 * The article page's editor: the text, live with colleagues, where selected words are tagged. Until the live
 * documents have synced, the stored text is shown, so that reading starts at once.
 */
export function ArticleEditor(props: Props) {
  // A blind annotator who has not finished reads only their own tags.
  const { documents, connection } = useArticleDocuments(props.articleId, props.review.blind && !props.review.done ? props.user.id : null);
  if (!documents) {
    return (
      <div aria-busy="true">
        <ArticleBody doc={props.initialContent} language={props.language} />
        <p className="mt-4 text-sm text-stone-500">{connection.error ?? "Connecting to the live document…"}</p>
      </div>
    );
  }
  return <LiveEditor {...props} documents={documents} connection={connection} />;
}

function tagIdsAt(doc: Editor["state"]["doc"], pos: number): string[] {
  const $pos = doc.resolve(pos);
  const marks = [...($pos.nodeAfter?.marks ?? []), ...($pos.nodeBefore?.marks ?? [])];
  return [...new Set(marks.filter((mark) => mark.type.name === ANNOTATION_MARK).map((mark) => mark.attrs.id as string))];
}

function LiveEditor({
  articleId,
  slug,
  user,
  permissions,
  review,
  members,
  language,
  initialTag,
  documents,
  connection,
}: Props & { documents: ArticleDocuments; connection: ConnectionState }) {
  const tags = useTags(documents.tags);
  const client = useMemo(() => new TagClient(documents.tagsProvider), [documents]);
  const self: PresenceUser = useMemo(() => ({ id: user.id, name: user.name, color: assignColors([user.id]).get(user.id)! }), [user]);
  const [selected, setSelected] = useState<string[]>(initialTag ? [initialTag] : []);
  const [pending, setPending] = useState<string[]>([]);
  const [spans, setSpans] = useState<Map<string, TagSpanView>>(new Map());
  const [filters, setFilters] = useState<TagFilters>(defaultFilters);
  const [reviewing, setReviewing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [actorNames, setActorNames] = useState<string[]>([]);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: permissions.canTag,
      extensions: [
        ...articleExtensions(),
        ...collaborationExtensions(documents.content),
        Presence.configure({ awareness: documents.contentProvider.awareness, user: self }),
        WordSnap,
        TagKeys.configure({ enabled: permissions.canTag, keys: LABEL_KEYS }),
        TextGuard.configure({ canEditText: permissions.canEditText }),
      ],
      editorProps: {
        attributes: {
          class: "margin-editor font-serif text-lg leading-loose outline-none",
          "aria-label": "Article text",
          "data-testid": "article-text",
          ...(language ? { lang: language } : {}),
        },
        handleClick: (view, pos) => {
          if (view.state.selection.empty) setSelected(tagIdsAt(view.state.doc, pos));
          return false;
        },
      },
    },
    [documents],
  );

  // Where each tag lies in the text, recomputed shortly after changes (the panel's list and the details).
  useEffect(() => {
    if (!editor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const recompute = () => {
      const projected = projectDocument(editor.state.doc);
      setSpans(
        new Map(
          [...projected.spans].map(([id, span]) => [
            id,
            { text: projected.text.slice(span.start, span.end), start: span.start, end: span.end },
          ]),
        ),
      );
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(recompute, 150);
    };
    performance.mark("margin:editor");
    recompute();
    performance.mark("margin:spans");
    editor.on("update", schedule);
    return () => {
      clearTimeout(timer);
      editor.off("update", schedule);
    };
  }, [editor]);

  useEffect(() => {
    void listActorNames(slug).then((answer) => setActorNames(answer.ok ? answer.data.actors.map((actor) => actor.name) : []));
  }, [slug]);

  const tag = useCallback(
    async (label: Label) => {
      if (!editor) return;
      let marked = "";
      const result = await tagSelection(editor, client, documents.tags, label, {
        exact: selectionIsExact(editor.state),
        onMarked: (id) => {
          marked = id;
          setPending((ids) => [...ids, id]);
        },
      });
      if (marked) setPending((ids) => ids.filter((other) => other !== marked));
      if (result.ok) {
        setSelected([result.id]);
        setProblem(null);
      } else {
        setProblem(result.error ?? "The tag could not be saved.");
      }
    },
    [editor, client, documents.tags],
  );
  // The keyboard extension announces tagging and tag navigation as DOM events, which bubble to the frame.
  // Listened for there, not on the editor's own element: when the documents change (a blind annotator
  // marking their work done), a new editor exists before its view is mounted, and reading its element
  // then throws.
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const onTag = (event: Event) => void tag((event as CustomEvent<Label>).detail);
    const onFocus = (event: Event) => setSelected((event as CustomEvent<string[]>).detail);
    element.addEventListener(TAG_EVENT, onTag);
    element.addEventListener(FOCUS_TAG_EVENT, onFocus);
    return () => {
      element.removeEventListener(TAG_EVENT, onTag);
      element.removeEventListener(FOCUS_TAG_EVENT, onFocus);
    };
  }, [tag]);

  /** Scrolls to a tag and flashes it. */
  const reveal = useCallback((id: string | undefined) => {
    const element = id && frame.current?.querySelector(`.margin-editor [data-annotation-id="${CSS.escape(id)}"]`);
    if (!element) return;
    element.scrollIntoView({ block: "center", behavior: "smooth" });
    element.classList.add("margin-flash");
    setTimeout(() => element.classList.remove("margin-flash"), 1200);
  }, []);
  const select = useCallback(
    (ids: string | string[]) => {
      const list = Array.isArray(ids) ? ids : [ids];
      setSelected(list);
      reveal(list[0]);
    },
    [reveal],
  );
  // A tag linked from elsewhere (a mention) is selected from the start, and shown once its words are there.
  const linkedPlaced = Boolean(initialTag && spans.has(initialTag));
  useEffect(() => {
    if (linkedPlaced) reveal(initialTag);
  }, [linkedPlaced, initialTag, reveal]);

  const canChange = (record: TagRecord) => permissions.isOwner || (permissions.canTag && record.authorId === user.id);
  const visible = useCallback((record: TagRecord) => tagVisible(record, filters), [filters]);
  const annotators = useMemo(() => annotatorsIn(tags), [tags]);
  const comparison = useMemo(
    () => (filters.compare ? compareLayers(tags, spans, filters.compare, filters.labels) : null),
    [tags, spans, filters],
  );
  const disagreeing = useMemo(
    () =>
      comparison
        ? [...new Set(comparison.disagreements.flatMap((item) => [item.a?.id, item.b?.id]).filter((id): id is string => Boolean(id)))]
        : [],
    [comparison],
  );
  const reviewRefusal = (record: TagRecord) =>
    review.allowSelfReview || !annotatorsOf(record).some((person) => person.id === user.id)
      ? null
      : "You made this tag; this project does not allow self-review.";
  // Pending tags a reviewer may decide, in reading order (the review queue).
  const queue = useMemo(
    () =>
      [...tags]
        .filter(([id, record]) => spans.has(id) && statusOf(record) === "pending" && visible(record) && !reviewRefusal(record))
        .sort(([a], [b]) => spans.get(a)!.start - spans.get(b)!.start || spans.get(a)!.end - spans.get(b)!.end)
        .map(([id, record]) => ({ id, tag: record, text: spans.get(id)!.text })),
    // reviewRefusal depends only on the policy and the user, which do not change on the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tags, spans, visible],
  );
  // What advance() reads when a decision's answer arrives, which may be renders after it was made.
  const latest = useRef({ selected, queue });
  useLayoutEffect(() => {
    latest.current = { selected, queue };
  });
  /** After a decision (made on this render's queue), the next pending tag, unless the reviewer opened another meanwhile. */
  const advance = (decided: string) => {
    if (!latest.current.selected.includes(decided)) return;
    const next = nextAfterDecision(
      queue.map((item) => item.id),
      decided,
      latest.current.queue.map((item) => item.id),
    );
    if (next) select(next);
  };
  /** The selection as offsets into the text, projected now: the copy refreshed when typing pauses may be behind. */
  const selectionAsSpan = () => {
    if (!editor) return null;
    const projected = projectDocument(editor.state.doc);
    const { from, to } = editor.state.selection;
    const span = selectionSpan(projected, from, to);
    return span && { ...span, text: projected.text.slice(span.start, span.end) };
  };
  /** Shows what went wrong with a tag write in the API's words (or clears it), and returns it for a form to show too. */
  const report = (answer: ApiAnswer<unknown>) => {
    const error = answer.ok ? null : answer.error;
    setProblem(error);
    return error;
  };
  /** An orphan onto the selected words, as selected (mouse selections are already snapped to words). */
  const attach = async (id: string) => {
    const span = selectionAsSpan();
    if (!span) return setProblem("Select the words to attach the tag to, then choose “Attach to selected words”.");
    const answer = await moveTag(id, { start: span.start, end: span.end });
    report(answer);
    if (answer.ok) setSelected([id]);
  };
  const current = selected.find((id) => tags.has(id));
  const actors = [...tags]
    .filter(([id, record]) => record.label === "actor" && spans.has(id))
    .map(([id]) => ({ id, text: spans.get(id)!.text }));

  return (
    <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
      <TagStyles tags={tags} visible={visible} selected={selected} pending={pending} disagreeing={disagreeing} />
      <div ref={frame} className="margin-editor-frame relative min-w-0 flex-1">
        <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
          <PresenceBar provider={documents.contentProvider} self={self} />
          <span role="status" className={connection.status === "connected" ? "text-emerald-700" : "text-amber-700"}>
            {connection.status === "connected" ? "Live" : "Reconnecting… your changes are kept and sent when the connection is back"}
          </span>
          {!permissions.canTag && <span className="text-stone-500">Read-only</span>}
          {permissions.canTag && <span className="text-stone-500">Select words, then press 1 actor, 2 claim, 3 figure, 4 quote</span>}
        </div>
        <div className="mb-3">
          <WorkStatus
            articleId={articleId}
            done={review.done}
            status={review.status}
            mayMarkDone={permissions.canTag && (!permissions.canReview || annotators.some((person) => person.id === user.id))}
            canReview={permissions.canReview}
            blind={review.blind}
          />
        </div>
        {problem && (
          <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {problem}
          </p>
        )}
        {editor && permissions.canTag && <TagPalette editor={editor} onTag={(label) => void tag(label)} />}
        <EditorContent editor={editor} />
      </div>
      <div className="flex w-full flex-col gap-4 lg:sticky lg:top-4 lg:w-80">
        {permissions.canReview && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={reviewing} onChange={(event) => setReviewing(event.target.checked)} />
            Review mode (keyboard queue)
          </label>
        )}
        {reviewing && <ReviewQueue queue={queue} current={current} onSelect={select} />}
        {current && (
          <TagsHere
            ids={selected.filter((id) => tags.has(id) && visible(tags.get(id)!))}
            current={current}
            tags={tags}
            onChoose={(id) => setSelected((ids) => [id, ...ids.filter((other) => other !== id)])}
          />
        )}
        {current && (
          <TagDetails
            // A new label (from anyone) starts a fresh form: the old label's fields would be refused on save.
            key={`${current}:${tags.get(current)!.label}`}
            id={current}
            tag={tags.get(current)!}
            text={spans.get(current)?.text ?? null}
            canChange={canChange(tags.get(current)!)}
            actors={actors.filter((actor) => actor.id !== current)}
            actorNames={actorNames}
            onUpdate={(changes) => updateTag(current, changes).then(report)}
            onDelete={() =>
              void deleteTag(current)
                .then(report)
                .then(() => setSelected([]))
            }
            onClose={() => setSelected([])}
          >
            {(permissions.canReview || tags.get(current)!.review) && (
              <TagReview
                id={current}
                tag={tags.get(current)!}
                refusal={permissions.canReview ? reviewRefusal(tags.get(current)!) : "Reviewers and owners accept or reject tags."}
                selection={selectionAsSpan}
                onDecided={() => advance(current)}
              />
            )}
            <TagThread id={current} tag={tags.get(current)!} canComment={permissions.canComment} members={members} />
            <TagHistory id={current} version={`${tags.get(current)!.updatedAt}:${tags.get(current)!.thread?.comments ?? 0}`} />
          </TagDetails>
        )}
        <LayerFilters filters={filters} onFilters={setFilters} annotators={annotators} selfId={user.id} />
        <ComparePanel
          filters={filters}
          onFilters={setFilters}
          annotators={annotators}
          result={comparison}
          spans={spans}
          onSelect={select}
        />
        <TagPanel
          tags={tags}
          spans={spans}
          visible={visible}
          selected={selected}
          onSelect={select}
          canChange={canChange}
          onRestore={(id) => void restoreTag(id).then(report)}
          onAttach={(id) => void attach(id)}
          onDelete={(id) => void deleteTag(id).then(report)}
        />
      </div>
    </div>
  );
}
