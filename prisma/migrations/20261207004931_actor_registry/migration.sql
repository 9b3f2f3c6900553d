-- CreateTable
CREATE TABLE "actor_records" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "kind" TEXT,
    "description" TEXT,
    "external_id" TEXT,
    "merged_into_id" TEXT,
    "root_id" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "actor_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "actor_record_events" (
    "id" BIGSERIAL NOT NULL,
    "record_id" TEXT NOT NULL,
    "user_id" TEXT,
    "kind" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "actor_record_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "actor_link_adoptions" (
    "tag_id" TEXT NOT NULL,
    "article_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,

    CONSTRAINT "actor_link_adoptions_pkey" PRIMARY KEY ("tag_id")
);

-- CreateIndex
CREATE INDEX "actor_records_project_id_root_id_idx" ON "actor_records"("project_id", "root_id");

-- CreateIndex
CREATE INDEX "actor_records_merged_into_id_idx" ON "actor_records"("merged_into_id");

-- CreateIndex
CREATE INDEX "actor_record_events_record_id_id_idx" ON "actor_record_events"("record_id", "id");

-- CreateIndex
CREATE INDEX "actor_link_adoptions_article_id_idx" ON "actor_link_adoptions"("article_id");

-- AddForeignKey
ALTER TABLE "actor_records" ADD CONSTRAINT "actor_records_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "actor_records" ADD CONSTRAINT "actor_records_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "actor_record_events" ADD CONSTRAINT "actor_record_events_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "actor_records"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "actor_record_events" ADD CONSTRAINT "actor_record_events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The actor page and the Actors list find an actor's tags by their record, and the quotes and claims that
-- name those tags as speaker or source (lib/actors/data.ts): without these, each read every tag of the project.
-- Covering: the list counts from the indexes alone (PostgreSQL reads an expression index without the table
-- only when the column under the expression is in it, hence attributes), where visiting 110,000 tags
-- scattered over the table cost most of its time (bench/actors.ts).
CREATE INDEX "annotations_actor_id_idx" ON "annotations" ((attributes->>'actorId'), article_id, id) INCLUDE (annotator_ids, attributes) WHERE label = 'actor';
CREATE INDEX "annotations_speaker_id_idx" ON "annotations" ((attributes->>'speakerId'), article_id, id) INCLUDE (annotator_ids, attributes) WHERE label = 'quote';
CREATE INDEX "annotations_source_id_idx" ON "annotations" ((attributes->>'sourceId'), article_id, id) INCLUDE (annotator_ids, attributes) WHERE label = 'claim';

-- Existing projects: each distinct canonical name (compared without case or surrounding spaces) becomes a
-- record, named by its most used spelling, the other spellings its aliases, its kind the most used one.
CREATE TEMP TABLE "margin_actor_names" AS
  SELECT a.project_id, btrim(n.attributes->>'canonicalName') AS name, n.attributes->>'kind' AS kind
  FROM annotations n JOIN articles a ON a.id = n.article_id
  WHERE n.label = 'actor' AND coalesce(btrim(n.attributes->>'canonicalName'), '') <> '' AND NOT n.attributes ? 'actorId';

CREATE TEMP TABLE "margin_actor_keys" AS
  SELECT gen_random_uuid()::text AS id, project_id, lower(name) AS key,
         mode() WITHIN GROUP (ORDER BY name) AS name,
         array_agg(DISTINCT name) AS spellings,
         mode() WITHIN GROUP (ORDER BY kind) FILTER (WHERE kind IS NOT NULL) AS kind,
         count(*)::int AS tags
  FROM margin_actor_names GROUP BY project_id, lower(name);
-- A temporary table has no statistics until analysed: without them PostgreSQL crossed every name with every
-- article of its project below (2.9 million rows for 1,470 names and 2,000 articles).
ANALYZE "margin_actor_keys";

INSERT INTO actor_records (id, project_id, name, aliases, kind, root_id, updated_at)
  SELECT id, project_id, name, array_remove(spellings, name), kind, id, CURRENT_TIMESTAMP FROM margin_actor_keys;

INSERT INTO actor_record_events (record_id, kind, details)
  SELECT id, 'migrated', jsonb_build_object('canonicalNames', to_jsonb(spellings), 'tags', tags) FROM margin_actor_keys;

-- The projection names each tag's record at once; the live tags document takes the link up when the article
-- next loads (actor_link_adoptions, lib/actors/adoption.ts), since it is the truth the projection is made from.
INSERT INTO actor_link_adoptions (tag_id, article_id, actor_id)
  SELECT n.id, n.article_id, k.id
  FROM annotations n JOIN articles a ON a.id = n.article_id
  JOIN margin_actor_keys k ON k.project_id = a.project_id AND k.key = lower(btrim(n.attributes->>'canonicalName'))
  WHERE n.label = 'actor' AND NOT n.attributes ? 'actorId';

UPDATE annotations n SET attributes = n.attributes || jsonb_build_object('actorId', l.actor_id)
  FROM actor_link_adoptions l WHERE l.tag_id = n.id;

DROP TABLE "margin_actor_names";
DROP TABLE "margin_actor_keys";
