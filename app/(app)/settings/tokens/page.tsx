import { CreateTokenForm } from "@/components/settings/create-token-form";
import { revokeTokenAction } from "@/lib/api-tokens/actions";
import { listApiTokens } from "@/lib/api-tokens/data";
import { requireActor } from "@/lib/auth/session-gate";
import { formatDate } from "@/lib/format";

export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await requireActor("/settings/tokens");
  const tokens = await listApiTokens(actor);
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="mt-1 max-w-prose text-sm text-stone-600">
          Scripts use a token to call Margin’s HTTP API as you: send it as{" "}
          <code className="rounded bg-stone-100 px-1">Authorization: Bearer &lt;token&gt;</code>. A token can do whatever you can do, so
          keep it secret and revoke it when it is no longer needed.
        </p>
      </div>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="mb-4 font-medium">New token</h2>
        <CreateTokenForm />
      </section>
      <section>
        <h2 className="mb-2 font-medium">Your tokens</h2>
        {tokens.length === 0 ? (
          <p className="text-sm text-stone-600">No tokens yet.</p>
        ) : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Tokens">
            {tokens.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-4 text-sm">
                <span className="font-medium">{token.name}</span>
                <code className="text-stone-600">{token.prefix}…</code>
                <span className="text-stone-600">
                  created {formatDate(token.createdAt)}
                  {token.lastUsedAt ? `, last used ${formatDate(token.lastUsedAt)}` : ", never used"}
                </span>
                {token.revokedAt ? (
                  <span className="ml-auto text-stone-500">revoked {formatDate(token.revokedAt)}</span>
                ) : (
                  <form action={revokeTokenAction} className="ml-auto">
                    <input type="hidden" name="tokenId" value={token.id} />
                    <button type="submit" className="text-red-800 underline" aria-label={`Revoke ${token.name}`}>
                      Revoke
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
