-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "created_by_id" TEXT,
ADD COLUMN     "origin" TEXT,
ADD COLUMN     "removed_artifacts" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "text_hash" TEXT,
ADD COLUMN     "word_count" INTEGER NOT NULL DEFAULT 0;

-- Backfill articles created before this migration (written by hand: the generated step added text_hash
-- as NOT NULL at once, which fails on a table with rows). The word count here is an approximation.
UPDATE "articles" SET
  "text_hash" = encode(sha256(convert_to("text", 'UTF8')), 'hex'),
  "word_count" = coalesce(array_length(regexp_split_to_array(btrim("text"), '\s+'), 1), 0);
ALTER TABLE "articles" ALTER COLUMN "text_hash" SET NOT NULL;

-- CreateIndex
CREATE INDEX "articles_project_id_status_idx" ON "articles"("project_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "articles_project_id_text_hash_key" ON "articles"("project_id", "text_hash");

-- AddForeignKey
ALTER TABLE "articles" ADD CONSTRAINT "articles_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Full-text search over title (weight A) and text (weight B), written by hand: Prisma declares the column
-- as an unsupported tsvector but cannot generate it. Stored, so that ranking and phrase checks read it
-- instead of parsing every candidate text again. The simple configuration does not stem, so it treats every
-- language alike. The text is cut at 300,000 characters because a tsvector is limited to 1 MB.
-- (Prisma splits this file into statements at every semicolon, comments included: keep them out of comments.)
ALTER TABLE "articles" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple'::regconfig, "title"), 'A') || setweight(to_tsvector('simple'::regconfig, left("text", 300000)), 'B')
) STORED;
CREATE INDEX "articles_search_vector_idx" ON "articles" USING GIN ("search_vector");
