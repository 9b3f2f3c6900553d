/**
 * `margin actors …`: the actor registry from the command line, through the same calls as the HTTP API
 * (lib/actors/api.ts) and the same zod schemas, acting as the operator (who may do anything in any project).
 * Every command takes the project's slug first, and a record's id second when it is about one record. Tables
 * for people on stdout, or the API's JSON with --json; counts and confirmations on stderr. Exit 2 for bad
 * usage (an unknown sort, an empty name), 1 when the registry refuses (no such record, already merged).
 */
import { z } from "zod";
import {
  actorPage,
  checkRegistry,
  createActor,
  listActors,
  listQuerySchema,
  mergeActor,
  showActor,
  splitActor,
  timelineQuerySchema,
  updateActor,
} from "@/lib/actors/api";
import { actorIdSchema, createActorSchema, tidyAliases, updateActorSchema } from "@/lib/actors/schema";
import type { Capability } from "@/lib/auth/permissions";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { AppError } from "@/lib/errors";
import { slugSchema } from "@/lib/projects/schema";
import { actorListLines, actorRecordLines, checksLines, problemCount, timelineLines } from "./actor-output";
import { CommandFailure, UsageError, type Command, type CommandOutput, type OptionValues } from "./command-types";

const PROJECT = { name: "project", description: "the project's slug" };
const RECORD = { name: "actorId", description: "the record's id (`margin actors list` shows them)" };
const JSON_OPTION = { json: { type: "boolean", description: "print the API's JSON instead of a table" } } as const;

/** The API's field names as the options that carry them. */
const OPTION_OF: Record<string, string> = { externalId: "external-id", aliases: "alias" };

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path[0] === undefined ? null : String(issue.path[0]);
  throw new UsageError(field ? `--${OPTION_OF[field] ?? field}: ${issue.message}` : issue.message);
}

async function projectAccess<C extends Capability>(slug: string | undefined, capability: C) {
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw new UsageError(`<project>: ${parsed.error.issues[0]!.message}`);
  const access = await unsafeOperatorProjectAccess(parsed.data, capability);
  if (!access) throw new CommandFailure(`no project with slug ${parsed.data}`);
  return access;
}

function recordId(value: string | undefined): string {
  const parsed = actorIdSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`<actorId>: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** The registry's refusals (no such record, a merge loop) are the command's failure, said as the API says them. */
async function plainly<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw new CommandFailure(error.message);
    throw error;
  }
}

/** A string option, or null when absent; an empty value means "none" (clears a kind, a description). */
function optional(values: OptionValues, name: string): string | null | undefined {
  const value = values[name];
  if (typeof value !== "string") return undefined;
  return value.trim() === "" ? null : value;
}

const list = (values: OptionValues, name: string): string[] =>
  [values[name] ?? []].flat().filter((one): one is string => typeof one === "string");

/** What a command that changes a record prints: its id (or the record with --json) and a line for people. */
function changed(record: { id: string }, values: OptionValues, message: string | string[]): CommandOutput {
  return { stdout: [values.json ? JSON.stringify({ actor: record }) : record.id], stderr: [message].flat() };
}

export const ACTOR_COMMANDS: Command[] = [
  {
    name: "actors list",
    summary: "List a project's actor records with their mentions, quotes, claims and articles (merged records count for their root)",
    arguments: [PROJECT],
    options: {
      q: { type: "string", description: "only records whose name or alias (or a merged record's) contains this" },
      sort: { type: "string", description: "mentions (default), quotes, claims, articles or name" },
      order: { type: "string", description: "asc or desc (default: desc, asc for name)" },
      limit: { type: "string", description: "at most this many records, 1 to 500 (default 100)" },
      offset: { type: "string", description: "skip this many records first" },
      ...JSON_OPTION,
    },
    async run(values, [slug]) {
      const query = parse(listQuerySchema, {
        q: values.q,
        sort: values.sort,
        order: values.order,
        limit: values.limit,
        offset: values.offset,
      });
      const access = await projectAccess(slug, "project:read");
      const result = await listActors(access, query);
      const shown = `${result.actors.length} of ${result.total} record${result.total === 1 ? "" : "s"}`;
      return values.json
        ? { stdout: [JSON.stringify(result)], stderr: [shown] }
        : { stdout: actorListLines(result.actors), stderr: [shown] };
    },
  },
  {
    name: "actors show",
    summary: "Show one actor record: its fields, the records merged into it, the record it is merged into, its history",
    arguments: [PROJECT, RECORD],
    options: { ...JSON_OPTION },
    async run(values, [slug, id]) {
      const actorId = recordId(id);
      const access = await projectAccess(slug, "project:read");
      const record = await plainly(() => showActor(access, actorId));
      return { stdout: values.json ? [JSON.stringify({ actor: record })] : actorRecordLines(record) };
    },
  },
  {
    name: "actors create",
    summary: "Create an actor record; prints its id",
    arguments: [PROJECT],
    options: {
      name: { type: "string", description: "the actor's name as the registry shows it", required: true },
      kind: { type: "string", description: "person, organization, government, group or other" },
      alias: {
        type: "string",
        multiple: true,
        description: "another name the actor goes by (new actor tags of that name link to the record)",
      },
      description: { type: "string", description: "who the actor is, for the people tagging" },
      "external-id": { type: "string", description: "the actor's id elsewhere (Wikidata, a newsroom's database)" },
      ...JSON_OPTION,
    },
    async run(values, [slug]) {
      const input = parse(createActorSchema, {
        name: values.name,
        aliases: list(values, "alias"),
        kind: optional(values, "kind") ?? null,
        description: optional(values, "description") ?? null,
        externalId: optional(values, "external-id") ?? null,
      });
      const access = await projectAccess(slug, "annotations:create");
      const record = await createActor(access, input);
      return changed(record, values, `created actor record "${record.name}" (${record.id})`);
    },
  },
  {
    name: "actors update",
    summary: "Change an actor record's name, kind, description or external id (an empty value clears the last three)",
    arguments: [PROJECT, RECORD],
    options: {
      name: { type: "string", description: "the new name" },
      kind: { type: "string", description: 'person, organization, government, group or other; "" for none' },
      description: { type: "string", description: 'the new description; "" for none' },
      "external-id": { type: "string", description: 'the new external id; "" for none' },
      ...JSON_OPTION,
    },
    async run(values, [slug, id]) {
      const actorId = recordId(id);
      const fields = {
        name: values.name,
        kind: optional(values, "kind"),
        description: optional(values, "description"),
        externalId: optional(values, "external-id"),
      };
      const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      if (!Object.keys(given).length) throw new UsageError("give at least one of --name, --kind, --description, --external-id");
      const input = parse(updateActorSchema, given);
      const access = await projectAccess(slug, "annotations:create");
      const record = await plainly(() => updateActor(access, actorId, input));
      return changed(record, values, `updated actor record "${record.name}" (${record.id})`);
    },
  },
  {
    name: "actors alias",
    summary: "Add or remove an actor record's aliases",
    arguments: [PROJECT, RECORD],
    options: {
      add: { type: "string", multiple: true, description: "an alias to add" },
      remove: { type: "string", multiple: true, description: "an alias to remove (compared without case)" },
      ...JSON_OPTION,
    },
    async run(values, [slug, id]) {
      const actorId = recordId(id);
      const adding = list(values, "add");
      const removing = list(values, "remove");
      if (!adding.length && !removing.length) throw new UsageError("give --add or --remove");
      // The schema's own rule for an alias (not empty, at most 200 characters), named as the option that broke it.
      for (const [option, aliases] of [
        ["add", adding],
        ["remove", removing],
      ] as const) {
        const parsed = updateActorSchema.safeParse({ aliases });
        if (!parsed.success) throw new UsageError(`--${option}: ${parsed.error.issues[0]!.message}`);
      }
      const access = await projectAccess(slug, "annotations:create");
      const record = await plainly(() => showActor(access, actorId));
      const key = (alias: string) => alias.trim().toLocaleLowerCase();
      const missing = removing.filter((alias) => !record.aliases.some((known) => key(known) === key(alias)));
      if (missing.length)
        throw new CommandFailure(`"${record.name}" has no alias ${missing.map((alias) => `"${alias.trim()}"`).join(", ")}`);
      const kept = record.aliases.filter((known) => !removing.some((alias) => key(alias) === key(known)));
      const aliases = tidyAliases(record.name, [...kept, ...adding]);
      const updated = await plainly(() => updateActor(access, actorId, { aliases }));
      // tidyAliases drops the name itself and repeats: say so rather than pretend they were added.
      const ignored = adding.filter((alias) => key(alias) === key(record.name) || kept.some((known) => key(known) === key(alias)));
      return changed(updated, values, [
        ...ignored.map(
          (alias) => `"${alias.trim()}" is already ${key(alias) === key(record.name) ? "the name" : "an alias"} of "${record.name}"`,
        ),
        `aliases of "${updated.name}": ${updated.aliases.length ? updated.aliases.join(", ") : "none"}`,
      ]);
    },
  },
  {
    name: "actors merge",
    summary: "Merge an actor record into another: its tags (and those merged into it) count for the other from now on; split undoes it",
    arguments: [PROJECT, RECORD],
    options: {
      into: { type: "string", description: "the id of the record to merge into", required: true },
      ...JSON_OPTION,
    },
    async run(values, [slug, id]) {
      const actorId = recordId(id);
      const into = parse(z.object({ into: actorIdSchema }), { into: values.into }).into;
      const access = await projectAccess(slug, "annotations:review");
      const root = await plainly(() => mergeActor(access, actorId, into));
      return changed(root, values, `merged ${actorId} into "${root.name}" (${root.id})`);
    },
  },
  {
    name: "actors split",
    summary: "Split an actor record off the record it was merged into: its tags count for it again",
    arguments: [PROJECT, RECORD],
    options: { ...JSON_OPTION },
    async run(values, [slug, id]) {
      const actorId = recordId(id);
      const access = await projectAccess(slug, "annotations:review");
      const before = await plainly(() => showActor(access, actorId));
      const record = await plainly(() => splitActor(access, actorId));
      return changed(record, values, `split "${record.name}" (${record.id}) off "${before.mergedInto?.name ?? "?"}"`);
    },
  },
  {
    name: "actors timeline",
    summary: "An actor's page: every mention, quote spoken and claim sourced, in order of publication, and who appears with them",
    arguments: [PROJECT, RECORD],
    options: {
      status: { type: "string", description: "only items of this review status: pending, accepted or rejected" },
      article: { type: "string", description: "only items of this article (its id)" },
      ...JSON_OPTION,
    },
    async run(values, [slug, id]) {
      const actorId = recordId(id);
      const query = parse(timelineQuerySchema, { status: values.status, article: values.article });
      const access = await projectAccess(slug, "project:read");
      const page = await plainly(() => actorPage(access, actorId, query));
      const stderr = [`${page.items.length}${page.truncated ? "+" : ""} items`];
      if (page.rootId !== actorId) stderr.unshift(`${actorId} is merged into ${page.rootId}: the items are that record's`);
      return { stdout: values.json ? [JSON.stringify(page)] : timelineLines(page), stderr };
    },
  },
  {
    name: "actors checks",
    summary:
      "What keeps a project's registry from being whole: unlinked actor tags, quotes without speaker, claims without source, kinds that disagree, same words on different records",
    arguments: [PROJECT],
    options: { ...JSON_OPTION },
    async run(values, [slug]) {
      const access = await projectAccess(slug, "project:read");
      const checks = await checkRegistry(access);
      const problems = problemCount(checks);
      return {
        stdout: values.json ? [JSON.stringify(checks)] : checksLines(checks),
        stderr: [`${problems} problem${problems === 1 ? "" : "s"} found`],
      };
    },
  },
];
