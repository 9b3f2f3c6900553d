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

-- Full-text search, written by hand (Prisma cannot declare triggers or fill tsvector columns).
-- article_search holds one row per article: the vector of its title, and of its title (weight A) and text
-- (weight B) together. A trigger keeps it in step with articles. A table of its own keeps articles narrow,
-- and its vectors are stored inline (STORAGE MAIN) so that matching does not fetch them from TOAST: both
-- measured in bench/article-list.ts. The simple configuration does not stem, so every language is treated
-- alike. The text is cut at 300,000 characters, less when its vector would pass the 1 MB limit.
-- PostgreSQL text search takes any non-ASCII character for a letter under a C locale (the embedded
-- server, a common server default), so a curly quote or a dash would stick to the word next to it.
-- margin_search_text turns typographic punctuation into spaces first, for the vectors and for search
-- queries alike (lib/articles/data.ts), whatever the server locale.
CREATE FUNCTION margin_search_text(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
  translate(value, U&'\201C\201D\201E\201F\2018\2019\201A\201B\00AB\00BB\2039\203A\2014\2013\2012\2015\2026\2022\00B7\2010\2011\2032\2033\00A1\00BF\300C\300D\300E\300F\3001\3002\FF08\FF09\3010\3011', repeat(' ', 35));

-- CreateTable
CREATE TABLE "article_search" (
    "article_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "title_vector" tsvector NOT NULL,
    "vector" tsvector NOT NULL,

    CONSTRAINT "article_search_pkey" PRIMARY KEY ("article_id")
);
ALTER TABLE "article_search" ALTER COLUMN "vector" SET STORAGE MAIN;

-- CreateIndex
CREATE INDEX "article_search_project_id_idx" ON "article_search"("project_id");

-- CreateIndex
CREATE INDEX "article_search_vector_idx" ON "article_search" USING GIN ("vector");

-- AddForeignKey
ALTER TABLE "article_search" ADD CONSTRAINT "article_search_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION margin_index_article() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  indexed integer := 300000;
  body tsvector;
BEGIN
  -- A tsvector holds at most 1 MB. Text in a script of many distinct multi-byte words can exceed that
  -- before 300,000 characters: index less of it rather than refuse the article.
  LOOP
    BEGIN
      body := to_tsvector('simple'::regconfig, margin_search_text(left(NEW.text, indexed)));
      EXIT;
    EXCEPTION WHEN program_limit_exceeded THEN
      indexed := indexed / 2;
    END;
  END LOOP;
  INSERT INTO article_search (article_id, project_id, title_vector, vector)
  VALUES (
    NEW.id,
    NEW.project_id,
    to_tsvector('simple'::regconfig, margin_search_text(NEW.title)),
    setweight(to_tsvector('simple'::regconfig, margin_search_text(NEW.title)), 'A') || setweight(body, 'B')
  )
  ON CONFLICT (article_id) DO UPDATE SET project_id = EXCLUDED.project_id, title_vector = EXCLUDED.title_vector, vector = EXCLUDED.vector;
  RETURN NULL;
END
$$;

CREATE TRIGGER "articles_index_search" AFTER INSERT OR UPDATE OF title, text, project_id ON "articles"
  FOR EACH ROW EXECUTE FUNCTION margin_index_article();

-- Articles created before this migration.
UPDATE "articles" SET "title" = "title";
