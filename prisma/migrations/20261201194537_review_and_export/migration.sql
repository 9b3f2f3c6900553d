-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('accept', 'reject');

-- CreateEnum
CREATE TYPE "CommentKind" AS ENUM ('comment', 'resolve', 'reopen');

-- CreateEnum
CREATE TYPE "AnnotationEventKind" AS ENUM ('created', 'label_changed', 'span_changed', 'attributes_changed', 'note_changed', 'accepted', 'rejected', 'commented', 'resolved', 'reopened', 'deleted', 'restored', 'merged');

-- CreateEnum
CREATE TYPE "ViewerExport" AS ENUM ('gold', 'all');

-- AlterTable
ALTER TABLE "annotations" ADD COLUMN     "annotator_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "allow_self_review" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "auto_accept_agreement" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "blind_annotation" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "viewer_export" "ViewerExport" NOT NULL DEFAULT 'gold';

-- CreateTable
CREATE TABLE "article_annotators" (
    "article_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "done_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "article_annotators_pkey" PRIMARY KEY ("article_id","user_id")
);

-- CreateTable
CREATE TABLE "annotation_reviews" (
    "id" TEXT NOT NULL,
    "annotation_id" TEXT NOT NULL,
    "article_id" TEXT NOT NULL,
    "reviewer_id" TEXT,
    "decision" "ReviewDecision" NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotation_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annotation_comments" (
    "id" TEXT NOT NULL,
    "annotation_id" TEXT NOT NULL,
    "article_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "kind" "CommentKind" NOT NULL DEFAULT 'comment',
    "body" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotation_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment_mentions" (
    "comment_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "seen_at" TIMESTAMP(3),

    CONSTRAINT "comment_mentions_pkey" PRIMARY KEY ("comment_id","user_id")
);

-- CreateTable
CREATE TABLE "annotation_events" (
    "id" BIGSERIAL NOT NULL,
    "annotation_id" TEXT NOT NULL,
    "article_id" TEXT NOT NULL,
    "actor_id" TEXT,
    "kind" "AnnotationEventKind" NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotation_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_snapshots" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "offset_unit" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "article_count" INTEGER NOT NULL,
    "tag_count" INTEGER NOT NULL,
    "byte_size" BIGINT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "export_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_snapshot_chunks" (
    "snapshot_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "export_snapshot_chunks_pkey" PRIMARY KEY ("snapshot_id","seq")
);

-- CreateIndex
CREATE INDEX "article_annotators_user_id_idx" ON "article_annotators"("user_id");

-- CreateIndex
CREATE INDEX "annotation_reviews_annotation_id_created_at_idx" ON "annotation_reviews"("annotation_id", "created_at");

-- CreateIndex
CREATE INDEX "annotation_reviews_article_id_idx" ON "annotation_reviews"("article_id");

-- CreateIndex
CREATE INDEX "annotation_comments_annotation_id_created_at_idx" ON "annotation_comments"("annotation_id", "created_at");

-- CreateIndex
CREATE INDEX "annotation_comments_article_id_idx" ON "annotation_comments"("article_id");

-- CreateIndex
CREATE INDEX "comment_mentions_user_id_seen_at_idx" ON "comment_mentions"("user_id", "seen_at");

-- CreateIndex
CREATE INDEX "annotation_events_annotation_id_id_idx" ON "annotation_events"("annotation_id", "id");

-- CreateIndex
CREATE INDEX "annotation_events_article_id_id_idx" ON "annotation_events"("article_id", "id");

-- CreateIndex
CREATE INDEX "export_snapshots_project_id_created_at_idx" ON "export_snapshots"("project_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "export_snapshots_project_id_name_key" ON "export_snapshots"("project_id", "name");

-- CreateIndex
CREATE INDEX "annotations_annotator_ids_idx" ON "annotations" USING GIN ("annotator_ids");

-- AddForeignKey
ALTER TABLE "article_annotators" ADD CONSTRAINT "article_annotators_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "article_annotators" ADD CONSTRAINT "article_annotators_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_reviews" ADD CONSTRAINT "annotation_reviews_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_reviews" ADD CONSTRAINT "annotation_reviews_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_comments" ADD CONSTRAINT "annotation_comments_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_comments" ADD CONSTRAINT "annotation_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment_mentions" ADD CONSTRAINT "comment_mentions_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "annotation_comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment_mentions" ADD CONSTRAINT "comment_mentions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_events" ADD CONSTRAINT "annotation_events_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_events" ADD CONSTRAINT "annotation_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_snapshots" ADD CONSTRAINT "export_snapshots_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_snapshots" ADD CONSTRAINT "export_snapshots_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_snapshot_chunks" ADD CONSTRAINT "export_snapshot_chunks_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "export_snapshots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tags made before this migration were made by their author alone.
UPDATE "annotations" SET "annotator_ids" = ARRAY["author_id"] WHERE cardinality("annotator_ids") = 0;

-- A tag's history is append-only: rows are added, never changed (they go only with their article).
CREATE FUNCTION margin_refuse_event_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'annotation_events is append-only';
END $$;
CREATE TRIGGER annotation_events_append_only BEFORE UPDATE ON "annotation_events" FOR EACH ROW EXECUTE FUNCTION margin_refuse_event_update();
