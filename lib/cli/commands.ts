/**
 * The operator's commands (`npm run margin -- <command>`). Each validates its options with the same zod
 * schemas as the web forms and calls the same mutations; the CLI runs with the database credentials, so it
 * acts as the operator without a session.
 */
import { z } from "zod";
import { createApiToken, tokenNameSchema } from "@/lib/api-tokens/mutations";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { ACTOR_COMMANDS } from "./actor-commands";
import { CommandFailure, UsageError, type Command } from "./command-types";
import { EXPORT_OPTIONS, importDatasetFiles, runExport } from "./export-commands";
import { IMPORT_FORMATS } from "@/lib/imports/readers";
import { importAnnotatedFiles } from "./import-annotated";
import { importFiles } from "./import-files";
import { listSuggestionsCommand, runSuggest, SUGGEST_OPTIONS, SUGGESTIONS_OPTIONS } from "./suggest-commands";
import { installSuggestOnImport } from "@/lib/suggestions/on-import";
import { importUrls, isPageAddress } from "./import-urls";
import { DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed";
import { roleSchema } from "@/lib/members/schema";
import { unsafeSetMember } from "@/lib/members/mutations";
import { createProject } from "@/lib/projects/mutations";
import { createProjectSchema, slugSchema } from "@/lib/projects/schema";
import { unsafeGetUserByEmail } from "@/lib/users/data";
import { unsafeCreateUser, unsafeSignOutEverywhere } from "@/lib/users/mutations";
import { emailSchema, signUpSchema } from "@/lib/users/schema";

export { CommandFailure, UsageError, type Command, type CommandOutput, type OptionSpec, type OptionValues } from "./command-types";

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new UsageError(`--${issue.path.join(".") || "input"}: ${issue.message}`);
}

function fail(result: { ok: false; message: string }): never {
  throw new CommandFailure(result.message);
}

export const COMMANDS: Command[] = [
  {
    name: "user add",
    summary: "Create a user who signs in with email and password",
    options: {
      email: { type: "string", description: "email address (sign-in name)", required: true },
      password: { type: "string", description: "password, at least 10 characters", required: true },
      name: { type: "string", description: "display name", required: true },
      admin: { type: "boolean", description: "make the user an instance admin" },
    },
    async run(values) {
      const input = parse(signUpSchema, { email: values.email, password: values.password, name: values.name });
      const created = await unsafeCreateUser({ ...input, admin: values.admin === true });
      if (!created.ok) fail(created);
      const user = created.value;
      return { stdout: [user.id], stderr: [`created user ${user.email}${user.isAdmin ? " (admin)" : ""}`] };
    },
  },
  {
    name: "user sign-out",
    summary: "End every session of a user: their browsers' cookies sign nobody in any more",
    options: { email: { type: "string", description: "email of the user", required: true } },
    async run(values) {
      const email = parse(emailSchema, values.email);
      const user = await unsafeGetUserByEmail(email);
      if (!user) throw new CommandFailure(`no user with email ${email}`);
      const ended = await unsafeSignOutEverywhere(user.id);
      return { stdout: [String(ended)], stderr: [`ended ${ended} session${ended === 1 ? "" : "s"} of ${email}`] };
    },
  },
  {
    name: "project create",
    summary: "Create a project owned by an existing user",
    options: {
      slug: { type: "string", description: "URL name: lower-case letters, digits, hyphens", required: true },
      name: { type: "string", description: "display name", required: true },
      owner: { type: "string", description: "email of the owning user", required: true },
    },
    async run(values) {
      const input = parse(createProjectSchema, { slug: values.slug, name: values.name });
      const ownerEmail = parse(emailSchema, values.owner);
      const owner = await unsafeGetUserByEmail(ownerEmail);
      if (!owner) throw new CommandFailure(`no user with email ${ownerEmail}; create one with \`margin user add\``);
      const created = await createProject(owner.id, input);
      if (!created.ok) fail(created);
      return { stdout: [created.value.slug], stderr: [`created project ${created.value.slug} owned by ${ownerEmail}`] };
    },
  },
  {
    name: "member add",
    summary: "Give an existing user a role in a project (changes the role of an existing member)",
    options: {
      project: { type: "string", description: "project slug", required: true },
      email: { type: "string", description: "email of the user", required: true },
      role: { type: "string", description: "owner, editor, reviewer or viewer", required: true },
    },
    async run(values) {
      const slug = parse(slugSchema, values.project);
      const email = parse(emailSchema, values.email);
      const role = parse(roleSchema, values.role);
      const access = await unsafeOperatorProjectAccess(slug, "members:manage");
      if (!access) throw new CommandFailure(`no project with slug ${slug}`);
      const result = await unsafeSetMember(access, { email, role });
      if (!result.ok) fail(result);
      return { stderr: [`${result.value.created ? "added" : "updated"} ${email} as ${role} of ${slug}`] };
    },
  },
  {
    name: "token create",
    summary: "Create an API token for a user and print it (once) on stdout",
    options: {
      email: { type: "string", description: "email of the user the token acts as", required: true },
      name: { type: "string", description: "what the token is for", required: true },
    },
    async run(values) {
      const email = parse(emailSchema, values.email);
      const { name } = parse(tokenNameSchema, { name: values.name });
      const user = await unsafeGetUserByEmail(email);
      if (!user) throw new CommandFailure(`no user with email ${email}`);
      const { token } = await createApiToken(user.id, name);
      return { stdout: [token], stderr: [`created token "${name}" for ${email}; it is shown only now`] };
    },
  },
  {
    name: "import",
    summary:
      "Import articles from files (.txt, .md, .html, .docx, .json, .jsonl) or web pages (http/https addresses), or tagged articles from a Margin dataset or another tool's files (Label Studio, doccano, W3C, brat, spaCy/Prodigy, CoNLL), into a project",
    options: {
      project: { type: "string", description: "project slug", required: true },
      "keep-artifacts": { type: "boolean", description: "keep page furniture (share buttons, repeated headline, …) in the text" },
      format: {
        type: "string",
        description:
          "articles (default); margin-json: Margin datasets (a json export, or a jsonl export) with their tags, relations and reviews; " +
          "or another tool's annotated files: labelstudio, doccano, w3c, brat (.txt + .ann, or a .zip), spacy, conll, or auto (detected)",
      },
      map: {
        type: "string",
        description: "annotated files: their labels to actor, claim, figure or quote (or skip), e.g. PER=actor,ORG=actor,MISC=skip",
      },
      "skip-unmapped": { type: "boolean", description: "annotated files: import the rest and list each tag of an unmapped label" },
      predictions: { type: "boolean", description: "labelstudio: import the predictions as tags too (otherwise counted and skipped)" },
      as: {
        type: "string",
        description:
          "margin-json and annotated files: email of the user who stands in for authors and reviewers without an account (default: the project's first owner)",
      },
      "offset-unit": {
        type: "string",
        description: "margin-json .jsonl files: the unit they were exported in, codepoint (default) or utf16",
      },
    },
    positionals: {
      name: "files, globs or addresses...",
      description:
        'files to import; quote globs such as "exports/*.html" to let Margin expand them. Or addresses of web pages (http:// or https://), fetched and read with Readability (HTML only, at most 5 MB, 15 s, 5 redirects; private and loopback addresses only with MARGIN_IMPORT_ALLOW_PRIVATE_URLS=1)',
    },
    async run(values, positionals) {
      const slug = parse(slugSchema, values.project);
      // Projects that suggest on import get their suggestions from the CLI's imports too.
      installSuggestOnImport();
      const access = await unsafeOperatorProjectAccess(slug, "articles:import");
      if (!access) throw new CommandFailure(`no project with slug ${slug}`);
      const format = (values.format as string | undefined) ?? "articles";
      if (format === "margin-json")
        return importDatasetFiles(access, positionals, {
          as: values.as as string | undefined,
          offsetUnit: values["offset-unit"] as string | undefined,
        });
      if (format !== "articles" && !(IMPORT_FORMATS as readonly string[]).includes(format))
        throw new UsageError(`--format: must be articles, margin-json, or one of ${IMPORT_FORMATS.join(", ")}`);
      if (format !== "articles")
        return importAnnotatedFiles(access, positionals, {
          format,
          map: values.map as string | undefined,
          skipUnmapped: values["skip-unmapped"] === true,
          predictions: values.predictions === true,
          as: values.as as string | undefined,
        });
      const addresses = positionals.filter(isPageAddress);
      if (addresses.length === 0) return importFiles(access, positionals, values["keep-artifacts"] === true);
      if (addresses.length < positionals.length) throw new UsageError("give either files or web page addresses, not both in one run");
      return importUrls(access, addresses, values["keep-artifacts"] === true);
    },
  },
  {
    name: "suggest",
    summary: "Run the suggesters on a project's articles (or one), progress on stderr, the report on stdout",
    options: SUGGEST_OPTIONS,
    run: (values) => runSuggest(values),
  },
  {
    name: "suggestions",
    summary: "List the suggestions on an article, one JSON object a line; or accept / dismiss them in bulk for a member",
    options: SUGGESTIONS_OPTIONS,
    run: (values) => listSuggestionsCommand(values),
  },
  {
    name: "export",
    summary: "Write a project's dataset (or one article's) to stdout, streamed, in any export format, with the API's filters",
    options: EXPORT_OPTIONS,
    async run(values) {
      parse(slugSchema, values.project);
      return runExport(values);
    },
  },
  ...ACTOR_COMMANDS,
  {
    name: "seed",
    summary: "Re-create the demo project, its articles and the demo users",
    options: {},
    async run() {
      await seedDemo();
      return { stderr: [`demo project "demo" re-created; demo users sign in with password ${DEMO_PASSWORD}`] };
    },
  },
];
