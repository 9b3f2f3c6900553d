"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { duplicateOf, importArticle, previewArticle, type ArticlePreview, type ArticleSource } from "@/lib/api-client/imports";
import { ARTIFACT_LABELS } from "@/lib/articles/artifacts";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { metadataFromDetected, type MetadataValues } from "@/lib/articles/metadata-values";
import { MetadataFields } from "./metadata-fields";

/** Paste an article (rich HTML from a browser copy, or plain text), check what was detected, import it. */
export function PasteImport({ slug }: { slug: string }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [html, setHtml] = useState<string | null>(null);
  const pasted = useRef(false);
  const [preview, setPreview] = useState<ArticlePreview | null>(null);
  const [metadata, setMetadata] = useState<MetadataValues>(metadataFromDetected({}));
  const [strip, setStrip] = useState<Set<number>>(new Set());
  const [problem, setProblem] = useState<{ message: string; duplicateOf?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const source = (): ArticleSource => (html ? { html } : { text });

  async function showPreview() {
    setBusy(true);
    setProblem(null);
    const answer = await previewArticle(slug, source());
    setBusy(false);
    if (!answer.ok) return setProblem({ message: answer.error });
    const next = answer.data.preview;
    setPreview(next);
    setMetadata(metadataFromDetected(next.detected));
    setStrip(new Set(next.artifacts.map((artifact) => artifact.index)));
  }

  async function save() {
    setBusy(true);
    setProblem(null);
    const answer = await importArticle(slug, { ...source(), ...metadata, strip: [...strip] });
    setBusy(false);
    if (answer.ok) return router.push(`/projects/${slug}/articles/${answer.data.article.id}`);
    setProblem({ message: answer.error, duplicateOf: duplicateOf(answer) });
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <label htmlFor="paste-source" className="text-sm font-medium">
          Article
        </label>
        <textarea
          id="paste-source"
          rows={8}
          value={text}
          placeholder="Paste the article here: from a web page (its formatting is kept) or as plain text."
          className={`${inputClass} py-2 font-serif`}
          onPaste={(event) => {
            const pastedHtml = event.clipboardData.getData("text/html");
            pasted.current = true;
            setHtml(pastedHtml || null);
            setPreview(null);
          }}
          onChange={(event) => {
            setText(event.target.value);
            // Typing after a rich paste would make the HTML and the text disagree: use the text from then on.
            if (!pasted.current) setHtml(null);
            pasted.current = false;
            setPreview(null);
          }}
        />
        {html && (
          <p className="text-xs text-stone-600">
            Formatted text pasted: headings, lists, emphasis and links are kept.{" "}
            <button type="button" className="underline" onClick={() => setHtml(null)}>
              Use plain text instead
            </button>
          </p>
        )}
      </div>
      {!preview && (
        <Button type="button" onClick={() => void showPreview()} disabled={busy || !text.trim()} className="self-start">
          {busy ? "Reading…" : "Check before importing"}
        </Button>
      )}
      {problem && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem.message}
          {problem.duplicateOf && (
            <>
              {" "}
              <Link className="underline" href={`/projects/${slug}/articles/${problem.duplicateOf}`}>
                Open the existing article
              </Link>
            </>
          )}
        </p>
      )}
      {preview && (
        <>
          <MetadataFields values={metadata} onChange={setMetadata} />
          {preview.artifacts.length > 0 && (
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 text-sm font-medium">Page furniture found: ticked lines are removed from the text</legend>
              {preview.artifacts.map((artifact) => (
                <label key={artifact.index} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-1"
                    checked={strip.has(artifact.index)}
                    onChange={(event) => {
                      const next = new Set(strip);
                      if (event.target.checked) next.add(artifact.index);
                      else next.delete(artifact.index);
                      setStrip(next);
                    }}
                  />
                  <span>
                    <q className="font-serif">{artifact.text}</q>{" "}
                    <span className="text-stone-500">({ARTIFACT_LABELS[artifact.reason]})</span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          <p className="text-sm text-stone-600">
            {preview.paragraphs.length - strip.size} {preview.paragraphs.length - strip.size === 1 ? "paragraph" : "paragraphs"} ·{" "}
            {preview.result.ok ? `${preview.result.wordCount.toLocaleString("en")} words` : preview.result.message}
          </p>
          <div className="flex gap-2">
            <Button type="button" onClick={() => void save()} disabled={busy}>
              {busy ? "Importing…" : "Import article"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setPreview(null)} disabled={busy}>
              Back
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
