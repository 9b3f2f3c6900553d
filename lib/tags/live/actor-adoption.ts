/**
 * The registry's migration (prisma/migrations/*_actor_registry) made a record of every canonical name and
 * wrote each tag's record into the projection at once, in SQL; the live tags documents, which the projection
 * is made from, take the link up here as each article's tags document next loads, before anything reads it:
 * otherwise the next write of the projection would drop it. Slotted into the persistence's loading
 * (lib/collab/persistence.ts `adopt`), which appends the change before the document is used.
 */
import "server-only";
import type * as Y from "yjs";
import { unsafeReadLinkAdoptions } from "@/lib/actors/data";
import { unsafeDropLinkAdoptions } from "@/lib/actors/mutations";
import type { DocumentKind } from "@/lib/collab/names";
import { readTag, writeTag } from "../documents";

export async function adoptActorLinks(articleId: string, kind: DocumentKind, doc: Y.Doc) {
  if (kind !== "tags") return null;
  const links = await unsafeReadLinkAdoptions(articleId);
  if (!links.length) return null;
  return {
    /** Run inside the persistence's transaction, whose update it appends. */
    apply() {
      for (const { tagId, actorId } of links) {
        const tag = readTag(doc, tagId);
        // A tag linked since (or relabelled, or gone) keeps what it has.
        if (!tag || tag.label !== "actor" || typeof tag.attributes?.actorId === "string") continue;
        writeTag(doc, tagId, { attributes: { ...tag.attributes, actorId } });
      }
    },
    done: () =>
      unsafeDropLinkAdoptions(
        articleId,
        links.map((link) => link.tagId),
      ),
  };
}
