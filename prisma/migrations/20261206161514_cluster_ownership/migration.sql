-- CreateTable
CREATE TABLE "article_owners" (
    "article_id" TEXT NOT NULL,
    "epoch" BIGINT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "taken_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "article_owners_pkey" PRIMARY KEY ("article_id")
);

-- CreateTable
CREATE TABLE "rate_limit_attempts" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_limit_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rate_limit_attempts_key_at_idx" ON "rate_limit_attempts"("key", "at");

-- AddForeignKey
ALTER TABLE "article_owners" ADD CONSTRAINT "article_owners_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The fencing token's check (lib/collab/ownership.ts): fails the statement, and so its transaction, unless
-- the article is still owned under this epoch. FOR SHARE: a take-over (which raises the epoch) waits until
-- the transaction that checked has committed, and then loads what it wrote.
CREATE FUNCTION margin_assert_owner(owned_article text, owned_epoch bigint) RETURNS void AS $$
BEGIN
  PERFORM 1 FROM article_owners WHERE article_id = owned_article AND epoch = owned_epoch FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'margin: article % is no longer owned under epoch %', owned_article, owned_epoch USING ERRCODE = 'MG001';
  END IF;
END
$$ LANGUAGE plpgsql;
