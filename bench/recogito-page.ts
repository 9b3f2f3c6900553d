/**
 * The page of the Recogito comparison (bench/recogito-annotator.ts bundles it with the library): the article,
 * its annotations fetched as a newsroom tool would fetch them, then Recogito's text annotator on it. Recogito
 * draws only the highlights in view, after anchoring every annotation (a range and its rectangles each);
 * "painted" is the end of the first redraw that holds highlights once every annotation is anchored: the
 * renderer announces a redraw in a task after the frame that drew it.
 */
type Annotator = {
  setAnnotations(annotations: object[], replace?: boolean): void;
  renderer: { on(event: "onRedraw", callback: () => void): unknown };
  state: { store: { all(): unknown[] } };
};

/** What the page uses of @recogito/text-annotator (typed here: the package lives outside the project). */
export type RecogitoLibrary = {
  createTextAnnotator(container: HTMLElement, options: { adapter: unknown; renderer: string }): Annotator;
  W3CTextFormat(source: string, container: HTMLElement): unknown;
};

/** In ms from navigation; `drawn` counts the highlights drawn (those in view). */
export type RecogitoTimings = { fetched?: number; loaded?: number; painted?: number; anchored?: number; drawn?: number };

export async function showAnnotations(recogito: RecogitoLibrary): Promise<void> {
  const timings: RecogitoTimings = {};
  (window as unknown as { benchRecogito: RecogitoTimings }).benchRecogito = timings;
  const container = document.getElementById("article")!;
  const renderer = new URLSearchParams(location.search).get("renderer") ?? "SPANS";
  const annotator = recogito.createTextAnnotator(container, { adapter: recogito.W3CTextFormat("bench", container), renderer });
  (window as unknown as { benchAnnotator: Annotator }).benchAnnotator = annotator;
  const annotations = (await (await fetch("/annotations.json")).json()) as object[];
  timings.fetched = performance.now();
  annotator.renderer.on("onRedraw", () => {
    if (timings.painted !== undefined) return;
    const drawn = renderer === "CSS_HIGHLIGHTS" ? CSS.highlights.size : container.querySelectorAll(".r6o-annotation").length;
    const anchored = annotator.state.store.all().length;
    Object.assign(timings, { drawn, anchored });
    if (drawn && anchored >= annotations.length) timings.painted = performance.now();
  });
  // Added, not replacing (the annotator is empty): replacing goes through @annotorious/core's syncAnnotations,
  // which text-annotator 4.1.1 does not wrap, so the annotations were stored without being anchored and
  // nothing was drawn (loadAnnotations too, which replaces).
  annotator.setAnnotations(annotations, false);
  timings.loaded = performance.now();
}
