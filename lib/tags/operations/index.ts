/**
 * Tag operations on an article's two Yjs documents, as the server performs them: validation, the rules of
 * who may change what, and the edits, one file per operation. Pure over the documents (no network, no
 * database); lib/tags/live/operations.ts applies them to the live documents.
 */
export * from "./rules";
export { relinkActors } from "./links";
export { createTag } from "./create";
export { changeTag, updateTag } from "./update";
export { removeTag, restoreTag } from "./remove";
export { tidyMarks, UNCLAIMED_MARK_GRACE_MS } from "./tidy";
export { reviewTag, type ReviewInput, type ReviewPolicy } from "./review";
export { commentOnTag, resolveThread } from "./comment";
export { mergeAgreeingTags } from "./merge";
