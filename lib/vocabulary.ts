/**
 * The words of Margin's data model, each derived from the PostgreSQL enum that stores it (prisma/schema.prisma
 * is the source): a tag's four labels, its review status and the decisions that set it, and an article's place
 * in the workflow. Types, zod enums, UI lists and messages all come from here, so that adding a label or a
 * status is one schema change. Browser-safe: the generated enums are plain objects.
 */
import { z } from "zod";
import { AnnotationLabel, AnnotationStatus, ArticleStatus as ArticleStatusEnum, ReviewDecision } from "@/lib/db/generated/enums";

export type Label = AnnotationLabel;
/** The labels in the order the schema declares them, which is the order every list shows them. */
export const LABELS = Object.values(AnnotationLabel) as readonly Label[];

export type TagStatus = AnnotationStatus;
export const TAG_STATUSES = Object.values(AnnotationStatus) as readonly TagStatus[];

export type Decision = ReviewDecision;
export const DECISIONS = Object.values(ReviewDecision) as readonly Decision[];

export type ArticleStatus = ArticleStatusEnum;
export const ARTICLE_STATUSES = Object.values(ArticleStatusEnum) as readonly ArticleStatus[];

/** An actor's kind (an attribute of actor tags, stored in their JSON attributes). */
export const ACTOR_KINDS = ["person", "organization", "government", "group", "other"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** "status must be one of new, in_progress, in_review, done": the message every enum below gives. */
export function oneOf(name: string, values: readonly string[]): string {
  return `${name} must be one of ${values.join(", ")}`;
}

export const labelSchema = z.enum(LABELS, { error: oneOf("label", LABELS) });
export const tagStatusSchema = z.enum(TAG_STATUSES, { error: oneOf("status", TAG_STATUSES) });
export const decisionSchema = z.enum(DECISIONS, { error: oneOf("decision", DECISIONS) });
export const articleStatusSchema = z.enum(ARTICLE_STATUSES, { error: oneOf("status", ARTICLE_STATUSES) });
