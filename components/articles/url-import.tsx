"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { importUrl, type UrlImportAnswer } from "@/lib/api-client/imports";

type Outcome = { ok: true; result: UrlImportAnswer["result"] } | { ok: false; error: string };

/**
 * Imports the article of a web page by its address: the server fetches the page (with its limits and
 * address rules), keeps the article Readability finds in it and imports it like an uploaded page.
 */
export function UrlImport({ slug }: { slug: string }) {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [keepArtifacts, setKeepArtifacts] = useState(false);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setOutcome(null);
    const answer = await importUrl(slug, { url: url.trim(), keepArtifacts });
    setOutcome(answer.ok ? { ok: true, result: answer.data.result } : { ok: false, error: answer.error });
    setPending(false);
    if (answer.ok && answer.data.result.status === "imported") router.refresh();
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-busy={pending}>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Address of the article’s page</span>
        <input
          type="url"
          required
          inputMode="url"
          placeholder="https://news.example.com/2026/03/story"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          className={inputClass}
        />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={keepArtifacts} onChange={(event) => setKeepArtifacts(event.target.checked)} />
        Keep page furniture (share buttons, repeated headline, “Image” lines…) in the text
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import"}
        </Button>
        <p role="status" className="text-sm">
          {pending ? "Fetching the page and finding its article…" : outcome && <OutcomeLine slug={slug} outcome={outcome} />}
        </p>
      </div>
    </form>
  );
}

function OutcomeLine({ slug, outcome }: { slug: string; outcome: Outcome }) {
  if (!outcome.ok) return <span className="text-red-800">{outcome.error}</span>;
  const { result } = outcome;
  if (result.status === "failed") return <span className="text-red-800">{result.error}</span>;
  const link = (
    <Link href={`/projects/${slug}/articles/${result.id}`} className="text-accent underline">
      {result.title}
    </Link>
  );
  if (result.status === "imported") return <span className="text-emerald-800">Imported: {link}</span>;
  return (
    <span className="text-amber-800">
      Already in the project ({result.match === "url" ? "same address" : "same text"}): {link}
    </span>
  );
}
