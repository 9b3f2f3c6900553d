/**
 * Every documented API route's contract, in the order the OpenAPI document lists them. The document is
 * built from this list (app/api/openapi.json) and a test checks that it holds every route's contract.
 */
import { contract as health } from "./health/contract";
import { contract as me } from "./me/contract";
import { contract as meMentions } from "./me/mentions/contract";
import { contract as projects } from "./projects/contract";
import { contract as projectsSlug } from "./projects/[slug]/contract";
import { contract as projectsSlugArticles } from "./projects/[slug]/articles/contract";
import { contract as projectsSlugArticlesPreview } from "./projects/[slug]/articles/preview/contract";
import { contract as projectsSlugImports } from "./projects/[slug]/imports/contract";
import { contract as projectsSlugImportsAnnotated } from "./projects/[slug]/imports/annotated/contract";
import { contract as projectsSlugImportsDataset } from "./projects/[slug]/imports/dataset/contract";
import { contract as projectsSlugImportsUrl } from "./projects/[slug]/imports/url/contract";
import { contract as projectsSlugReview } from "./projects/[slug]/review/contract";
import { contract as projectsSlugAgreement } from "./projects/[slug]/agreement/contract";
import { contract as projectsSlugDisagreements } from "./projects/[slug]/disagreements/contract";
import { contract as projectsSlugActors } from "./projects/[slug]/actors/contract";
import { contract as projectsSlugActorsNames } from "./projects/[slug]/actors/names/contract";
import { contract as projectsSlugActorsChecks } from "./projects/[slug]/actors/checks/contract";
import { contract as projectsSlugActor } from "./projects/[slug]/actors/[actorId]/contract";
import { contract as projectsSlugActorTimeline } from "./projects/[slug]/actors/[actorId]/timeline/contract";
import { contract as projectsSlugActorMerge } from "./projects/[slug]/actors/[actorId]/merge/contract";
import { contract as projectsSlugActorSplit } from "./projects/[slug]/actors/[actorId]/split/contract";
import { contract as projectsSlugExport } from "./projects/[slug]/export/contract";
import { contract as projectsSlugSnapshots } from "./projects/[slug]/snapshots/contract";
import { contract as projectsSlugSnapshotsId } from "./projects/[slug]/snapshots/[id]/contract";
import { contract as projectsSlugSnapshotsDiff } from "./projects/[slug]/snapshots/diff/contract";
import { contract as articlesId } from "./articles/[id]/contract";
import { contract as articlesIdAnnotations } from "./articles/[id]/annotations/contract";
import { contract as articlesIdWork } from "./articles/[id]/work/contract";
import { contract as articlesIdStatus } from "./articles/[id]/status/contract";
import { contract as articlesIdExport } from "./articles/[id]/export/contract";
import { contract as annotationsId } from "./annotations/[id]/contract";
import { contract as annotationsIdRestore } from "./annotations/[id]/restore/contract";
import { contract as annotationsIdReview } from "./annotations/[id]/review/contract";
import { contract as annotationsIdComments } from "./annotations/[id]/comments/contract";
import { contract as annotationsIdThread } from "./annotations/[id]/thread/contract";
import { contract as annotationsIdHistory } from "./annotations/[id]/history/contract";
import { contract as articlesIdSuggestions } from "./articles/[id]/suggestions/contract";
import { contract as articlesIdSuggestionsAccept } from "./articles/[id]/suggestions/accept/contract";
import { contract as suggestionsIdAccept } from "./suggestions/[id]/accept/contract";
import { contract as suggestionsIdDismiss } from "./suggestions/[id]/dismiss/contract";
import { contract as projectsSlugSuggestions } from "./projects/[slug]/suggestions/contract";
import { contract as projectsSlugSuggestionsBackendCheck } from "./projects/[slug]/suggestions/backend/check/contract";
import { contract as exportSchema } from "./export/schema/contract";
import { contract as openapiJson } from "./openapi.json/contract";

export const CONTRACTS = [
  health,
  me,
  meMentions,
  projects,
  projectsSlug,
  projectsSlugArticles,
  projectsSlugArticlesPreview,
  projectsSlugImports,
  projectsSlugImportsAnnotated,
  projectsSlugImportsDataset,
  projectsSlugImportsUrl,
  projectsSlugReview,
  projectsSlugAgreement,
  projectsSlugDisagreements,
  projectsSlugActors,
  projectsSlugActorsNames,
  projectsSlugActorsChecks,
  projectsSlugActor,
  projectsSlugActorTimeline,
  projectsSlugActorMerge,
  projectsSlugActorSplit,
  projectsSlugExport,
  projectsSlugSnapshots,
  projectsSlugSnapshotsId,
  projectsSlugSnapshotsDiff,
  articlesId,
  articlesIdAnnotations,
  articlesIdWork,
  articlesIdStatus,
  articlesIdExport,
  annotationsId,
  annotationsIdRestore,
  annotationsIdReview,
  annotationsIdComments,
  annotationsIdThread,
  annotationsIdHistory,
  projectsSlugSuggestions,
  projectsSlugSuggestionsBackendCheck,
  articlesIdSuggestions,
  articlesIdSuggestionsAccept,
  suggestionsIdAccept,
  suggestionsIdDismiss,
  exportSchema,
  openapiJson,
];
