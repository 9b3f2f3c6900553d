-- Duplicates by address (lib/articles/data.ts findArticleWithUrl) look up a project's articles by their
-- address lower-cased and without fragment: without this index every import carrying a url read all of
-- its project's articles (a 50,000-article dataset import, quadratic).
CREATE INDEX "articles_project_id_url_key_idx" ON "articles" ("project_id", lower(split_part("url", '#', 1))) WHERE "url" IS NOT NULL;
