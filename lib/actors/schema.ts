/**
 * What a person may write of an actor record, shared by the HTTP API, the CLI and the pages. Names and
 * aliases are trimmed; an alias equal to the name, or given twice, is kept once.
 */
import { z } from "zod";
import { ACTOR_KINDS } from "@/lib/vocabulary";

const name = z
  .string({ error: "name must be a string" })
  .trim()
  .min(1, { error: "name must not be empty" })
  .max(200, { error: "name must be at most 200 characters" });

const alias = z
  .string({ error: "each alias must be a string" })
  .trim()
  .min(1, { error: "an alias must not be empty" })
  .max(200, { error: "an alias must be at most 200 characters" });

export const actorKindSchema = z.enum(ACTOR_KINDS, { error: `kind must be one of ${ACTOR_KINDS.join(", ")}` });

/** A record id as URLs and tag attributes carry it. */
export const actorIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "an actor id is 1 to 64 letters, digits, '-' or '_'" });

const fields = {
  aliases: z.array(alias).max(100, { error: "at most 100 aliases" }),
  kind: actorKindSchema.nullable(),
  description: z.string().trim().max(2000, { error: "description must be at most 2,000 characters" }).nullable(),
  externalId: z.string().trim().max(200, { error: "externalId must be at most 200 characters" }).nullable(),
};

export const createActorSchema = z.strictObject({
  name,
  aliases: fields.aliases.default([]),
  kind: fields.kind.default(null),
  description: fields.description.default(null),
  externalId: fields.externalId.default(null),
});
export type CreateActorInput = z.infer<typeof createActorSchema>;

export const updateActorSchema = z
  .strictObject({
    name: name.optional(),
    aliases: fields.aliases.optional(),
    kind: fields.kind.optional(),
    description: fields.description.optional(),
    externalId: fields.externalId.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: "give at least one of name, aliases, kind, description, externalId" });
export type UpdateActorInput = z.infer<typeof updateActorSchema>;

export const mergeActorSchema = z.strictObject({ into: actorIdSchema });

/** Aliases as stored: trimmed, without the name itself and without repeats (compared without case). */
export function tidyAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([name.trim().toLocaleLowerCase()]);
  const kept: string[] = [];
  for (const alias of aliases) {
    const key = alias.trim().toLocaleLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    kept.push(alias.trim());
  }
  return kept;
}
