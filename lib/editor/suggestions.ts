/**
 * Suggestions on the text: machine proposals shown as decorations, never as marks, so that they stay out of
 * the shared document (a colleague never receives them, the projection never counts them) and out of
 * everyone's tags. The page places them (ProseMirror positions, lib/suggestions/places.ts) and this extension
 * keeps them where their words are: the set is built once per load and mapped through every transaction, by
 * what changed rather than by the steps (y-tiptap applies a colleague's keystroke as a replacement of the
 * whole document, lib/editor/tag-labels.ts), so typing in a 5,000-tag article with 2,000 suggestions costs
 * the few suggestions around the change. One whose words were edited or deleted goes, as the server would
 * leave it out as stale.
 *
 * The keyboard, in tagging mode only (never while correcting the text, lib/editor/text-guard.ts): `]` and
 * `[` move to the next or previous suggestion, `Enter` or `a` accepts it and `x` or `Backspace` dismisses it,
 * each then moving on to the next one. The extension only announces these as DOM events (`margin:suggestion`),
 * so that it stays free of React and of the network; the page decides what accepting does.
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Mapping, StepMap } from "@tiptap/pm/transform";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { changedRange } from "./tag-labels";

/** A suggestion placed on the document: its ProseMirror range and what it shows. */
export type PlacedSuggestion = {
  id: string;
  /** The label, as the class `margin-suggestion--<label>` the page styles. */
  label: string;
  from: number;
  to: number;
  /** The provenance shown on hover (suggester, version, score). */
  title: string;
};

/**
 * What each decoration carries. A suggestion that crosses paragraphs is one decoration per textblock, each
 * with its own words, so that an edit is checked against the piece it touched.
 */
type PieceSpec = { id: string; label: string; title: string; words: string; current: boolean };

export type SuggestionsState = {
  set: DecorationSet;
  /** The suggestion the keys act on, or null. */
  current: string | null;
  /** Suggestions the last transaction's edit removed (their words changed), announced once by the view. */
  dropped: readonly string[];
};

export type SuggestionAction = "accept" | "dismiss" | "focus" | "dropped";
/** The event's detail: what happened to which suggestions (one for the keys, any number when dropped). */
export type SuggestionEventDetail = { action: SuggestionAction; ids: string[] };

export const SUGGESTION_EVENT = "margin:suggestion";
export const SUGGESTION_CLASS = "margin-suggestion";
export const CURRENT_SUGGESTION_CLASS = "margin-suggestion--current";

export const suggestionsKey = new PluginKey<SuggestionsState>("suggestions");

type Meta = { set: readonly PlacedSuggestion[] } | { remove: readonly string[] } | { current: string | null };

export type SuggestionsOptions = {
  /**
   * Whether the keys act (false for those who may not tag: they never get suggestions anyway).
   * @default true
   */
  enabled: boolean;
};

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    suggestions: {
      /** Shows these suggestions instead of any before (the page's load or reload). */
      setSuggestions: (placed: readonly PlacedSuggestion[]) => ReturnType;
      /** Takes these suggestions off the text (accepted or dismissed). */
      removeSuggestions: (ids: readonly string[]) => ReturnType;
      /** Makes this suggestion the one the keys act on (null: none), and brings it into view. */
      focusSuggestion: (id: string | null) => ReturnType;
    };
  }
}

const EMPTY: SuggestionsState = { set: DecorationSet.empty, current: null, dropped: [] };
/** How the canonical text separates what ProseMirror holds as blocks and breaks. */
const wordsBetween = (doc: PMNode, from: number, to: number) => doc.textBetween(from, to, "\n\n", "\n");

function pieceDecoration(from: number, to: number, spec: PieceSpec): Decoration {
  const classes = `${SUGGESTION_CLASS} ${SUGGESTION_CLASS}--${spec.label}${spec.current ? ` ${CURRENT_SUGGESTION_CLASS}` : ""}`;
  // An element of its own (nodeName), so that overlapping suggestions each keep their outline and title:
  // decorations with attributes only would share one element, the last one's title winning.
  return Decoration.inline(from, to, { nodeName: "span", class: classes, title: spec.title, "data-suggestion": spec.id }, spec);
}

/** One decoration per textblock the suggestion covers, each with its own words. */
export function decorateSuggestion(doc: PMNode, placed: PlacedSuggestion, current = false): Decoration[] {
  const pieces: Decoration[] = [];
  const from = Math.max(0, placed.from);
  const to = Math.min(doc.content.size, placed.to);
  if (from >= to) return pieces;
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isTextblock) return true;
    const start = Math.max(from, pos + 1);
    const end = Math.min(to, pos + 1 + node.content.size);
    if (start < end) {
      const { id, label, title } = placed;
      pieces.push(pieceDecoration(start, end, { id, label, title, words: wordsBetween(doc, start, end), current }));
    }
    return false;
  });
  return pieces;
}

const specOf = (decoration: Decoration) => decoration.spec as PieceSpec;
const piecesOf = (set: DecorationSet, ids: ReadonlySet<string>) =>
  set.find(undefined, undefined, (spec) => ids.has((spec as PieceSpec).id));

/** The same pieces, marked as the current suggestion or not. */
function markCurrent(set: DecorationSet, doc: PMNode, id: string | null, current: boolean): DecorationSet {
  if (id === null) return set;
  const pieces = piecesOf(set, new Set([id]));
  const marked = pieces.map((piece) => pieceDecoration(piece.from, piece.to, { ...specOf(piece), current }));
  return set.remove(pieces).add(doc, marked);
}

/** Each suggestion's first position, in document order (ties: the longer first, as it encloses the other). */
export function suggestionStarts(state: EditorState): { id: string; from: number; to: number }[] {
  const extents = new Map<string, { id: string; from: number; to: number }>();
  for (const piece of suggestionsKey.getState(state)?.set.find() ?? []) {
    const { id } = specOf(piece);
    const known = extents.get(id);
    if (!known) extents.set(id, { id, from: piece.from, to: piece.to });
    else extents.set(id, { id, from: Math.min(known.from, piece.from), to: Math.max(known.to, piece.to) });
  }
  return [...extents.values()].sort((a, b) => a.from - b.from || b.to - a.to);
}

/** The suggestion after (direction 1) or before (-1) the current one, or else the cursor; null at the end. */
export function neighbourSuggestion(state: EditorState, direction: 1 | -1): string | null {
  const starts = suggestionStarts(state);
  const current = suggestionsKey.getState(state)?.current ?? null;
  const index = starts.findIndex((start) => start.id === current);
  if (index >= 0) return starts[index + direction]?.id ?? null;
  const at = state.selection.from;
  const found = direction === 1 ? starts.find((start) => start.from >= at) : starts.findLast((start) => start.from < at);
  return found?.id ?? null;
}

/**
 * The set after an edit: mapped by the changed range, and without the suggestions whose pieces there lost
 * their words (changed, or deleted with them).
 */
/**
 * Whether the changed range holds the same characters at the same positions before and after: a tag's
 * mark added or taken away (formatting, which y-tiptap also hands over as a replaced range), not an edit.
 * Suggestions inside it keep their words, so they stay where they are.
 */
function sameText(tr: Transaction, changed: { from: number; oldTo: number; to: number }): boolean {
  if (changed.oldTo !== changed.to) return false;
  const before = tr.before.textBetween(changed.from, changed.oldTo, "\n\n", "\n");
  return before === tr.doc.textBetween(changed.from, changed.to, "\n\n", "\n");
}

function mapThroughEdit(state: SuggestionsState, tr: Transaction): SuggestionsState {
  const changed = changedRange(tr);
  if (!changed || sameText(tr, changed)) return state.dropped.length ? { ...state, dropped: [] } : state;
  const mapping = new Mapping([new StepMap([changed.from, changed.oldTo - changed.from, changed.to - changed.from])]);
  const touched = state.set.find(changed.from, changed.oldTo);
  let set = state.set.map(mapping, tr.doc);
  if (!touched.length) return { set, current: state.current, dropped: [] };
  const after = set.find(changed.from, changed.to);
  const dropped = new Set<string>();
  for (const piece of touched) {
    const kept = after.find((candidate) => candidate.spec === piece.spec);
    if (!kept || wordsBetween(tr.doc, kept.from, kept.to) !== specOf(piece).words) dropped.add(specOf(piece).id);
  }
  if (dropped.size) set = set.remove(piecesOf(set, dropped));
  const current = state.current !== null && dropped.has(state.current) ? null : state.current;
  return { set, current, dropped: [...dropped] };
}

function applyMeta(state: SuggestionsState, meta: Meta, doc: PMNode): SuggestionsState {
  if ("set" in meta) {
    return {
      set: DecorationSet.create(
        doc,
        meta.set.flatMap((placed) => decorateSuggestion(doc, placed)),
      ),
      current: null,
      dropped: [],
    };
  }
  if ("remove" in meta) {
    const ids = new Set(meta.remove);
    const current = state.current !== null && ids.has(state.current) ? null : state.current;
    return { set: state.set.remove(piecesOf(state.set, ids)), current, dropped: [] };
  }
  const set = markCurrent(markCurrent(state.set, doc, state.current, false), doc, meta.current, true);
  return { set, current: meta.current, dropped: [] };
}

export const Suggestions = Extension.create<SuggestionsOptions>({
  name: "suggestions",

  addOptions() {
    return { enabled: true };
  },

  addCommands() {
    return {
      setSuggestions:
        (placed) =>
        ({ tr, dispatch }) => {
          dispatch?.(tr.setMeta(suggestionsKey, { set: placed } satisfies Meta));
          return true;
        },
      removeSuggestions:
        (ids) =>
        ({ tr, dispatch }) => {
          dispatch?.(tr.setMeta(suggestionsKey, { remove: ids } satisfies Meta));
          return true;
        },
      focusSuggestion:
        (id) =>
        ({ tr, state, dispatch }) => {
          const target = id === null ? null : suggestionStarts(state).find((start) => start.id === id);
          if (id !== null && !target) return false;
          if (dispatch) {
            tr.setMeta(suggestionsKey, { current: id } satisfies Meta);
            // The cursor at its start, so that the view scrolls there; no text is selected, nothing to tag by mistake.
            if (target) tr.setSelection(TextSelection.create(tr.doc, target.from)).scrollIntoView();
            dispatch(tr);
          }
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    const active = () => this.options.enabled && !(this.editor.storage.textGuard?.correcting ?? false);
    const announce = (action: SuggestionAction, ids: string[]) =>
      this.editor.view.dom.dispatchEvent(
        new CustomEvent<SuggestionEventDetail>(SUGGESTION_EVENT, { detail: { action, ids }, bubbles: true }),
      );
    const move = (direction: 1 | -1) => () => {
      if (!active()) return false;
      const next = neighbourSuggestion(this.editor.state, direction);
      if (next === null) return false;
      this.editor.commands.focusSuggestion(next);
      announce("focus", [next]);
      return true;
    };
    // Accepting or dismissing moves on, as the review queue does after a decision.
    const decide = (action: "accept" | "dismiss") => () => {
      const current = suggestionsKey.getState(this.editor.state)?.current ?? null;
      if (!active() || current === null) return false;
      const next = neighbourSuggestion(this.editor.state, 1) ?? neighbourSuggestion(this.editor.state, -1);
      this.editor.commands.focusSuggestion(next);
      announce(action, [current]);
      if (next !== null) announce("focus", [next]);
      return true;
    };
    return {
      "]": move(1),
      "[": move(-1),
      Enter: decide("accept"),
      a: decide("accept"),
      x: decide("dismiss"),
      Backspace: decide("dismiss"),
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<SuggestionsState>({
        key: suggestionsKey,
        state: {
          init: () => EMPTY,
          apply(tr, state) {
            const meta = tr.getMeta(suggestionsKey) as Meta | undefined;
            const mapped = tr.docChanged ? mapThroughEdit(state, tr) : state.dropped.length ? { ...state, dropped: [] } : state;
            return meta ? applyMeta(mapped, meta, tr.doc) : mapped;
          },
        },
        props: {
          decorations: (state) => suggestionsKey.getState(state)?.set,
          // A click on a suggestion's words makes it the current one (the innermost where they overlap).
          handleClick: (view, pos) => {
            const pieces = suggestionsKey.getState(view.state)?.set.find(pos, pos) ?? [];
            const inside = pieces.filter((piece) => piece.from < pos || piece.to > pos).sort((a, b) => a.to - a.from - (b.to - b.from));
            const id = inside[0] ? specOf(inside[0]).id : null;
            if (id === null || !this.options.enabled) return false;
            view.dispatch(view.state.tr.setMeta(suggestionsKey, { current: id } satisfies Meta));
            view.dom.dispatchEvent(
              new CustomEvent<SuggestionEventDetail>(SUGGESTION_EVENT, { detail: { action: "focus", ids: [id] }, bubbles: true }),
            );
            return false;
          },
        },
        view: () => ({
          // Dropped suggestions are announced after the view has the state: the page updates its list.
          update: (view, previous) => {
            const state = suggestionsKey.getState(view.state);
            if (!state?.dropped.length || state === suggestionsKey.getState(previous)) return;
            view.dom.dispatchEvent(
              new CustomEvent<SuggestionEventDetail>(SUGGESTION_EVENT, {
                detail: { action: "dropped", ids: [...state.dropped] },
                bubbles: true,
              }),
            );
          },
        }),
      }),
    ];
  },
});
