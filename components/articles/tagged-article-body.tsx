import { tagLookCss } from "@/lib/tags/label-styles";

/**
 * The article's rich content read-only, every tag's words highlighted with the classes the editor's marks
 * carry (TAG_LOOK): what the article page paints from the server while the live documents sync, so the
 * text is readable and tagged before it is editable. `html` comes from lib/tags/tagged-content-html.ts,
 * which escapes everything and emits only its own elements: given as inner HTML, it is hydrated as one
 * element rather than thousands.
 */
export function TaggedArticleBody({ html, language }: { html: string; language: string | null }) {
  return (
    <>
      <style>{tagLookCss()}</style>
      {/* The editor's typography (its class in components/editor/use-live-editor.ts, its rules in globals.css). */}
      <div
        className="margin-preview font-serif text-lg leading-loose"
        lang={language ?? undefined}
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </>
  );
}
