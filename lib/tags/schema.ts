/**
 * What a tag may carry, per label, shared by the HTTP API, the editor's tag messages and the details form.
 * Unknown attributes are refused (a misspelt key must not vanish silently).
 */
import { z } from "zod";
import { ACTOR_KINDS, labelSchema, type Label } from "@/lib/vocabulary";

// Tag ids also name the tag's CSS class in the editor and appear in URLs: keep them to a safe alphabet.
const tagId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a tag id is 1 to 64 letters, digits, '-' or '_'");

export const ATTRIBUTE_SCHEMAS = {
  actor: z.strictObject({
    /** The actor record of the project's registry this tag refers to (lib/actors). */
    actorId: tagId.optional(),
    canonicalName: z.string().trim().max(200, { error: "canonicalName must be at most 200 characters" }).optional(),
    kind: z.enum(ACTOR_KINDS, { error: `kind must be one of ${ACTOR_KINDS.join(", ")}` }).optional(),
  }),
  claim: z.strictObject({
    /** The actor tag that makes the claim. */
    sourceId: tagId.optional(),
  }),
  quote: z.strictObject({
    /** The actor tag that speaks. */
    speakerId: tagId.optional(),
    direct: z.boolean({ error: "direct must be true or false" }).optional(),
  }),
  figure: z.strictObject({
    value: z.number({ error: "value must be a number" }).finite().nullable().optional(),
    unit: z.string().trim().max(100, { error: "unit must be at most 100 characters" }).nullable().optional(),
    approximate: z.boolean({ error: "approximate must be true or false" }).optional(),
  }),
} satisfies Record<Label, z.ZodType>;

export type Attributes = Record<string, unknown>;

/** Links from one tag to another, which must be an actor tag of the same article. */
export const LINK_ATTRIBUTES: Partial<Record<Label, string>> = { claim: "sourceId", quote: "speakerId" };

export const noteSchema = z.string().max(2000, { error: "note must be at most 2,000 characters" }).nullable();
export const offsetUnitSchema = z
  .enum(["codepoint", "utf16"], { error: "offsetUnit must be codepoint or utf16" })
  .default("codepoint")
  .describe("Unit of start/end: Unicode code points (default, as Python indexes strings) or UTF-16 code units (JavaScript)");
/** The query of the tag routes that take or answer offsets; other parameters are ignored. */
export const offsetUnitQuerySchema = z.object({ offsetUnit: offsetUnitSchema });

/** A code-point or UTF-16 offset into an article's text, as requests give it. */
export const offsetSchema = (name: string) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .min(0, { error: `${name} must be 0 or more` });

/**
 * What the editor sends over the tags document (a WebSocket "stateless" message): the tag for words it has
 * just marked on the same socket, which must arrive after the mark. Every other tag write goes over HTTP
 * (lib/api-client/call.ts says why).
 */
export const tagMessageSchema = z.strictObject({
  // A page loaded before this rule sends other operations: say where they go now.
  op: z.literal("create", { error: "over the socket, only new tags are recorded; other changes go through the HTTP API" }),
  requestId: z.string().max(64),
  id: tagId,
  label: labelSchema,
  /**
   * The editor's content changes once it had placed the mark (its Yjs client id and clock): the server
   * records the tag once it has applied that much, whatever else delays the content's messages.
   */
  markedAt: z.strictObject({ client: z.number().int().min(0), clock: z.number().int().min(0) }).optional(),
});

export type TagMessage = z.infer<typeof tagMessageSchema>;
