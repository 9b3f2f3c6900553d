-- CreateEnum
CREATE TYPE "SuggestionDecisionKind" AS ENUM ('accepted', 'dismissed');

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "suggest_on_import" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "suggestion_backend_token" TEXT,
ADD COLUMN     "suggestion_backend_url" TEXT;

-- CreateTable
CREATE TABLE "suggestions" (
    "id" TEXT NOT NULL,
    "article_id" TEXT NOT NULL,
    "for_user_id" TEXT,
    "suggester" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "label" "AnnotationLabel" NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "speaker_suggestion_id" TEXT,
    "speaker_tag_id" TEXT,
    "source_suggestion_id" TEXT,
    "source_tag_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "superseded_at" TIMESTAMP(3),

    CONSTRAINT "suggestions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suggestion_decisions" (
    "suggestion_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" "SuggestionDecisionKind" NOT NULL,
    "annotation_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suggestion_decisions_pkey" PRIMARY KEY ("suggestion_id","user_id")
);

-- CreateIndex
CREATE INDEX "suggestions_article_id_start_end_idx" ON "suggestions"("article_id", "start", "end");

-- CreateIndex
CREATE INDEX "suggestions_for_user_id_idx" ON "suggestions"("for_user_id");

-- CreateIndex
CREATE INDEX "suggestion_decisions_user_id_idx" ON "suggestion_decisions"("user_id");

-- AddForeignKey
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_for_user_id_fkey" FOREIGN KEY ("for_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suggestion_decisions" ADD CONSTRAINT "suggestion_decisions_suggestion_id_fkey" FOREIGN KEY ("suggestion_id") REFERENCES "suggestions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suggestion_decisions" ADD CONSTRAINT "suggestion_decisions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
