"use client";

import type { HocuspocusProvider } from "@hocuspocus/provider";
import { useEffect, useState } from "react";
import type { PresenceUser } from "@/lib/editor/presence";

const sameAvatars = (a: PresenceUser[], b: PresenceUser[]) =>
  a.length === b.length &&
  a.every((person, index) => person.id === b[index]!.id && person.name === b[index]!.name && person.color === b[index]!.color);

/** Who else has the article open: an avatar per person (several tabs of one person count once). */
export function PresenceBar({ provider, self }: { provider: HocuspocusProvider; self: PresenceUser }) {
  const [people, setPeople] = useState<PresenceUser[]>([self]);
  useEffect(() => {
    const awareness = provider.awareness;
    if (!awareness) return;
    const update = () => {
      // Oneself first, in the colour published (colours are shared out among those present).
      const seen = new Map<string, PresenceUser>([[self.id, (awareness.getLocalState() as { user?: PresenceUser } | null)?.user ?? self]]);
      for (const state of awareness.getStates().values()) {
        const user = (state as { user?: PresenceUser }).user;
        if (user?.id && !seen.has(user.id)) seen.set(user.id, user);
      }
      // Awareness changes with every caret move; re-render only when the people or their colours change.
      const next = [...seen.values()];
      setPeople((current) => (sameAvatars(current, next) ? current : next));
    };
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [provider, self]);
  return (
    <ul className="flex items-center gap-1" aria-label="People on this article">
      {people.map((person) => (
        <li
          key={person.id}
          title={person.id === self.id ? `${person.name} (you)` : person.name}
          className="flex size-8 items-center justify-center rounded-full text-xs font-semibold text-white ring-2 ring-white"
          style={{ backgroundColor: person.color }}
        >
          {person.name
            .split(/\s+/)
            .map((part) => part[0])
            .join("")
            .slice(0, 2)
            .toUpperCase()}
        </li>
      ))}
    </ul>
  );
}
