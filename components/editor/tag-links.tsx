"use client";

import { useLayoutEffect, useState, type RefObject } from "react";
import { tagClass } from "@/lib/editor/annotation-mark";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import type { TagRecord } from "@/lib/tags/record";
import { LINK_ATTRIBUTES } from "@/lib/tags/schema";

type Arrow = { id: string; from: { x: number; y: number }; to: { x: number; y: number }; color: string; name: string };

/**
 * The selected tags' links drawn on the text: an arrow from a quote to its speaker and from a claim to its
 * source, between the tags' first words, over the editor frame (`frame`, positioned). Drawn again when the
 * selection, the tags or their places change, and when the window is resized.
 */
export function TagLinks({
  frame,
  selected,
  tags,
  layout,
}: {
  frame: RefObject<HTMLDivElement | null>;
  selected: string[];
  tags: Map<string, TagRecord>;
  /** Anything that changes when tags move in the text (their spans). */
  layout: unknown;
}) {
  const [arrows, setArrows] = useState<Arrow[]>([]);
  const [size, setSize] = useState(0);
  useLayoutEffect(() => {
    const resize = () => setSize((n) => n + 1);
    window.addEventListener("resize", resize);
    return () => window.removeEventListener("resize", resize);
  }, []);
  useLayoutEffect(() => {
    // Measured after the editor has painted the tags' new places.
    const measure = requestAnimationFrame(() => {
      const root = frame.current;
      const linked = selected.filter((id) => {
        const tag = tags.get(id);
        const key = tag && LINK_ATTRIBUTES[tag.label];
        return key && tags.has(tag.attributes[key] as string);
      });
      // Nothing to draw (the usual case): keep the same empty list, so that nothing renders again.
      if (!root || !linked.length) return setArrows((current) => (current.length ? [] : current));
      const box = root.getBoundingClientRect();
      const at = (id: string) => {
        const element = root.querySelector(`.margin-editor .${CSS.escape(tagClass(id))}`);
        if (!element) return null;
        const rect = element.getClientRects()[0] ?? element.getBoundingClientRect();
        return { x: rect.left - box.left + Math.min(12, rect.width / 2), y: rect.top - box.top };
      };
      const drawn: Arrow[] = [];
      for (const id of linked) {
        const tag = tags.get(id)!;
        const key = LINK_ATTRIBUTES[tag.label]!;
        const from = at(id);
        const to = at(tag.attributes[key] as string);
        // speakerId → "speaker", sourceId → "source".
        if (from && to) drawn.push({ id, from, to, color: LABEL_STYLES[tag.label].line, name: key.replace(/Id$/, "") });
      }
      setArrows(drawn);
    });
    return () => cancelAnimationFrame(measure);
  }, [frame, selected, tags, layout, size]);

  if (!arrows.length) return null;
  return (
    <svg className="pointer-events-none absolute inset-0 h-full w-full overflow-visible" aria-hidden="true" data-testid="tag-links">
      <defs>
        {arrows.map((arrow) => (
          <marker
            key={arrow.id}
            id={`arrow-${arrow.id}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill={arrow.color} />
          </marker>
        ))}
      </defs>
      {arrows.map((arrow) => {
        // An arc above the line(s): up from both ends, by how far apart they are.
        const lift = Math.min(60, 18 + Math.abs(arrow.to.x - arrow.from.x) / 8 + Math.abs(arrow.to.y - arrow.from.y) / 6);
        const top = Math.min(arrow.from.y, arrow.to.y) - lift;
        const path = `M${arrow.from.x},${arrow.from.y} C${arrow.from.x},${top} ${arrow.to.x},${top} ${arrow.to.x},${arrow.to.y}`;
        return (
          <g key={arrow.id} data-link={arrow.name}>
            <path d={path} fill="none" stroke={arrow.color} strokeWidth="1.5" strokeDasharray="4 3" markerEnd={`url(#arrow-${arrow.id})`} />
          </g>
        );
      })}
    </svg>
  );
}
