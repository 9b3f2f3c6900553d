"use client";

import { EditorContent } from "@tiptap/react";
import { useMemo, useRef } from "react";
import { TaggedArticleBody } from "@/components/articles/tagged-article-body";
import { ComparePanel } from "@/components/review/compare-panel";
import { LayerFilters } from "@/components/review/layer-filters";
import { ReviewQueue } from "@/components/review/review-queue";
import { TagHistory } from "@/components/review/tag-history";
import { TagReview } from "@/components/review/tag-review";
import { TagThread } from "@/components/review/tag-thread";
import { WorkStatus } from "@/components/review/work-status";
import { assignColors, type PresenceUser } from "@/lib/editor/presence";
import type { TagRecord } from "@/lib/tags/record";
import type { ArticleStatus } from "@/lib/vocabulary";
import { EditingMode } from "./editing-mode";
import { PresenceBar } from "./presence-bar";
import { SuggestionsPanel } from "./suggestions-panel";
import { SuggestionsStyles } from "./suggestions-styles";
import { TagDetails } from "./tag-details";
import { TagPalette } from "./tag-palette";
import { TagLinks } from "./tag-links";
import { TagPanel } from "./tag-panel";
import { TagStyles } from "./tag-styles";
import { TagsHere } from "./tags-here";
import { useActors } from "./use-actors";
import { useArticleDocuments, type ArticleDocuments, type ConnectionState } from "./use-article-documents";
import { useLiveEditor } from "./use-live-editor";
import { useReviewQueue } from "./use-review-queue";
import { useSuggestions } from "./use-suggestions";
import { useTagFilters } from "./use-tag-filters";
import { useTagKeyEvents } from "./use-tag-key-events";
import { useRevealLinkedTag, useTagSelection } from "./use-tag-selection";
import { useTagLooks } from "./use-tag-looks";
import { useTagSpans } from "./use-tag-spans";
import { useTagWrites } from "./use-tag-writes";
import { useTagging } from "./use-tagging";
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
  /**
   * The stored content with the reader's tags highlighted, as HTML (lib/tags/tagged-content-html.ts), shown
   * until the live documents sync.
   */
  previewHtml: string;
  language: string | null;
  /** A tag to open at once (a link from a mention). */
  initialTag?: string;
};

/**
 * The article page's editor: the text, live with colleagues, where selected words are tagged. Until the live
 * documents have synced, the stored text is shown with the reader's tags highlighted (in the server's HTML,
 * so it paints before any script runs), laid out as the editor will be, so that reading starts at once.
 */
export function ArticleEditor(props: Props) {
  // A blind annotator who has not finished reads only their own tags.
  const { documents, connection } = useArticleDocuments(props.articleId, props.review.blind && !props.review.done ? props.user.id : null);
  if (!documents) {
    return (
      <div className="flex flex-col gap-6 lg:flex-row lg:items-start" aria-busy="true" data-testid="article-preview">
        <div className="min-w-0 flex-1">
          <p className="mb-3 text-sm">
            {connection.error ? (
              <span role="alert" className="text-red-700">
                {connection.error}
              </span>
            ) : (
              <span role="status" className="text-stone-500">
                Connecting to the live document…
              </span>
            )}
          </p>
          <TaggedArticleBody html={props.previewHtml} language={props.language} />
        </div>
        {/* Where the tags' panel comes: the text keeps its width when the editor replaces the preview. */}
        <div className="w-full lg:w-80" />
      </div>
    );
  }
  return <LiveEditor {...props} documents={documents} connection={connection} />;
}

/**
 * The editor on the synced live documents, composed of one hook per concern (components/editor/use-*.ts);
 * what changes on every keystroke stays out of the stylesheet, palette and presence bar, which render only
 * when what they show changes. A tag's look in the text changes without React (use-tag-looks.ts); the
 * lists over every tag follow as transitions, after the browser has painted.
 */
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
  const self: PresenceUser = useMemo(() => ({ id: user.id, name: user.name, color: assignColors([user.id]).get(user.id)! }), [user]);
  const frame = useRef<HTMLDivElement>(null);
  const { selected, setSelected, current, select, choose, reveal } = useTagSelection(tags, initialTag, frame);
  const looks = useTagLooks(documents.tags);
  const editor = useLiveEditor({ documents, looks, permissions, language, self, onClickTags: setSelected });
  const { spans, selectionAsSpan } = useTagSpans(editor);
  useRevealLinkedTag(initialTag, spans, reveal);
  const { tag, problem, setProblem } = useTagging(editor, documents, looks, setSelected, user.id);
  useTagKeyEvents(frame, tag, setSelected);
  const writes = useTagWrites({ setProblem, setSelected, selectionAsSpan });
  const { filters, setFilters, visible, annotators, comparison, disagreeing } = useTagFilters(tags, spans, looks);
  const { reviewing, setReviewing, queue, refusal, advance } = useReviewQueue({
    tags,
    spans,
    visible,
    allowSelfReview: review.allowSelfReview,
    userId: user.id,
    selected,
    select,
  });
  const { actors, records, recordsReady, refreshRecords, createRecord } = useActors(slug, tags, spans);
  const suggestions = useSuggestions({ editor, articleId, enabled: permissions.canTag, frame });
  const canChange = (record: TagRecord) => permissions.isOwner || (permissions.canTag && record.authorId === user.id);

  return (
    <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
      <TagStyles selected={selected} disagreeing={disagreeing} />
      <SuggestionsStyles />
      <div ref={frame} className="margin-editor-frame relative min-w-0 flex-1">
        <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
          <PresenceBar provider={documents.contentProvider} self={self} />
          {connection.error ? (
            <span role="alert" className="text-red-700">
              {connection.error}
            </span>
          ) : (
            <span role="status" className={connection.status === "connected" ? "text-emerald-700" : "text-amber-700"}>
              {connection.status === "connected" ? "Live" : "Reconnecting… your changes are kept and sent when the connection is back"}
            </span>
          )}
          <EditingMode editor={editor} canTag={permissions.canTag} canEditText={permissions.canEditText} />
          <a href="/guidelines" target="_blank" rel="noopener" className="ml-auto text-accent underline">
            Guidelines
          </a>
        </div>
        <div className="mb-3">
          <WorkStatus
            articleId={articleId}
            done={review.done}
            status={review.status}
            mayMarkDone={permissions.canTag && (!permissions.canReview || annotators.some((person) => person.id === user.id))}
            canReview={permissions.canReview}
            blind={review.blind}
            tagged={tags.size > 0}
          />
        </div>
        {problem && (
          <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {problem}
          </p>
        )}
        {writes.deleted && (
          <p role="status" className="mb-3 flex items-center gap-3 rounded-md bg-stone-100 px-3 py-2 text-sm text-stone-800">
            Tag deleted.
            <button type="button" className="font-medium underline" onClick={() => void writes.undoDelete()}>
              Undo
            </button>
            <button type="button" aria-label="Dismiss" className="ml-auto px-1" onClick={writes.dismissDeleted}>
              ×
            </button>
          </p>
        )}
        {editor && permissions.canTag && <TagPalette editor={editor} onTag={(label) => void tag(label)} />}
        <EditorContent editor={editor} />
        <TagLinks frame={frame} selected={selected} tags={tags} layout={spans} />
      </div>
      <div className="flex w-full flex-col gap-4 lg:sticky lg:top-4 lg:w-80">
        {permissions.canReview && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={reviewing} onChange={(event) => setReviewing(event.target.checked)} />
            Review mode (keyboard queue)
          </label>
        )}
        {permissions.canTag && <SuggestionsPanel {...suggestions} />}
        {reviewing && <ReviewQueue queue={queue} current={current} onSelect={select} />}
        {current && (
          <TagsHere ids={selected.filter((id) => tags.has(id) && visible(tags.get(id)!))} current={current} tags={tags} onChoose={choose} />
        )}
        {current && (
          <TagDetails
            // A new label (from anyone) starts a fresh form: the old label's fields would be refused on save.
            key={`${current}:${tags.get(current)!.label}`}
            id={current}
            slug={slug}
            tag={tags.get(current)!}
            text={spans.get(current)?.text ?? null}
            canChange={canChange(tags.get(current)!)}
            actors={actors.filter((actor) => actor.id !== current)}
            records={records}
            recordsReady={recordsReady}
            onOpenRecords={refreshRecords}
            onCreateRecord={createRecord}
            onUpdate={(changes) => writes.update(current, changes)}
            onDelete={() => void writes.remove(current).then(() => setSelected([]))}
            onClose={() => setSelected([])}
          >
            {(permissions.canReview || tags.get(current)!.review) && (
              <TagReview
                id={current}
                tag={tags.get(current)!}
                refusal={permissions.canReview ? refusal(tags.get(current)!) : "Reviewers and owners accept or reject tags."}
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
          onRestore={(id) => void writes.restore(id)}
          onAttach={(id) => void writes.attach(id)}
          onDelete={(id) => void writes.remove(id)}
        />
      </div>
    </div>
  );
}
