-- AlterTable
ALTER TABLE "annotations" ADD COLUMN     "note" TEXT,
ADD COLUMN     "orphaned_at" TIMESTAMP(3),
ALTER COLUMN "start" DROP NOT NULL,
ALTER COLUMN "end" DROP NOT NULL;

-- CreateTable
CREATE TABLE "article_documents" (
    "article_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "article_documents_pkey" PRIMARY KEY ("article_id","name")
);

-- CreateTable
CREATE TABLE "article_document_updates" (
    "id" BIGSERIAL NOT NULL,
    "article_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "article_document_updates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "article_document_updates_article_id_name_id_idx" ON "article_document_updates"("article_id", "name", "id");

-- AddForeignKey
ALTER TABLE "article_documents" ADD CONSTRAINT "article_documents_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "article_document_updates" ADD CONSTRAINT "article_document_updates_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
