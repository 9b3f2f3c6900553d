/**
 * `margin suggestions --accept-above S | --dismiss-below S --label L --as <email> --server <url>`: a member's
 * decisions on an article's suggestions, in bulk, from the command line. Accepting makes that member's tag
 * in the article's live documents, which only the running server holds, so the CLI asks the server: it
 * mints an API token for the member, calls the same routes the editor calls, and revokes the token when
 * done (whatever happened). The server checks the member's rights as for any request.
 */
import { createApiToken, unsafeRevokeApiToken } from "@/lib/api-tokens/mutations";
import { unsafeGetUserByEmail } from "@/lib/users/data";
import { labelSchema } from "@/lib/vocabulary";
import { CommandFailure, UsageError, type CommandOutput, type OptionValues } from "./command-types";

type Values = OptionValues;
type Offered = { id: string; label: string; score: number; text: string };

function scoreOf(name: string, raw: Values[string]): number {
  const score = Number(raw);
  if (typeof raw !== "string" || !Number.isFinite(score) || score < 0 || score > 1) throw new UsageError(`--${name}: a score from 0 to 1`);
  return score;
}

export async function decideSuggestions(values: Values): Promise<CommandOutput> {
  const accepting = values["accept-above"] !== undefined;
  const threshold = accepting ? scoreOf("accept-above", values["accept-above"]) : scoreOf("dismiss-below", values["dismiss-below"]);
  const label = labelSchema.safeParse(values.label);
  if (!label.success) throw new UsageError("--label: actor, claim, figure or quote");
  if (typeof values.as !== "string") throw new UsageError("--as: the email of the member who decides (their tags, their dismissals)");
  if (typeof values.server !== "string" || !URL.canParse(values.server))
    throw new UsageError("--server: the running Margin's address, e.g. http://localhost:3000 (accepting happens in its live documents)");
  const user = await unsafeGetUserByEmail(values.as);
  if (!user) throw new CommandFailure(`no user with email ${values.as}`);
  const base = values.server.replace(/\/+$/, "");
  const article = encodeURIComponent(values.article as string);
  const { id: tokenId, token } = await createApiToken(user.id, "margin suggestions (CLI, revoked when done)");
  const ask = async (path: string, body?: unknown) => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new CommandFailure(`could not reach ${base}: ${(error as Error).message}`);
    }
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown> & { error?: { message?: string } };
    if (!response.ok) throw new CommandFailure(`${path}: ${response.status} ${answer.error?.message ?? response.statusText}`);
    return answer;
  };
  try {
    if (accepting) {
      const answer = (await ask(`/api/articles/${article}/suggestions/accept`, { label: label.data, minScore: threshold })) as {
        accepted: number;
        annotations: { id: string; text: string }[];
      };
      return {
        stdout: answer.annotations.map((tag) => JSON.stringify(tag)),
        stderr: [`${answer.accepted} ${label.data} suggestions scoring at least ${threshold} accepted as ${values.as}'s tags`],
      };
    }
    const { suggestions } = (await ask(`/api/articles/${article}/suggestions`)) as { suggestions: Offered[] };
    const doomed = suggestions.filter((item) => item.label === label.data && item.score < threshold);
    for (const item of doomed) await ask(`/api/suggestions/${encodeURIComponent(item.id)}/dismiss`, {});
    return {
      stdout: doomed.map((item) => JSON.stringify({ id: item.id, text: item.text, score: item.score })),
      stderr: [`${doomed.length} ${label.data} suggestions scoring below ${threshold} dismissed for ${values.as}`],
    };
  } finally {
    await unsafeRevokeApiToken(tokenId);
  }
}
