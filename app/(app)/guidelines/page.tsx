import { requireActor } from "@/lib/auth/session-gate";
import { readGuidelines } from "@/lib/suggestions/guidelines";

export const metadata = { title: "Annotation guidelines" };

/** The annotation guidelines for the four labels, linked from the editor's toolbar. */
export default async function GuidelinesPage() {
  await requireActor("/guidelines");
  const html = await readGuidelines();
  return (
    <article
      className="max-w-3xl text-stone-800 [&_code]:rounded [&_code]:bg-stone-100 [&_code]:px-1 [&_h1]:mb-4 [&_h1]:text-2xl [&_h1]:font-semibold [&_h2]:mt-8 [&_h2]:mb-3 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mt-6 [&_h3]:mb-2 [&_h3]:font-semibold [&_li]:mb-1 [&_ol]:mb-4 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:mb-3 [&_table]:mb-4 [&_td]:border [&_td]:border-stone-300 [&_td]:px-2 [&_th]:border [&_th]:border-stone-300 [&_th]:px-2 [&_ul]:mb-4 [&_ul]:list-disc [&_ul]:pl-6"
      // The repository's own Markdown, rendered with raw HTML off (lib/suggestions/guidelines.ts).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
