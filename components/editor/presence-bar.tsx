"use client";

import type { HocuspocusProvider } from "@hocuspocus/provider";
import { useEffect, useState } from "react";
import type { PresenceUser } from "@/lib/editor/presence";

/** Who else has the article open: an avatar per person (several tabs of one person count once). */
export function PresenceBar({ provider, self }: { provider: HocuspocusProvider; self: PresenceUser }) {
  const [people, setPeople] = useState<PresenceUser[]>([]);
  useEffect(() => {
    const awareness = provider.awareness;
    if (!awareness) return;
    const update = () => {
      const seen = new Map<string, PresenceUser>();
      for (const state of awareness.getStates().values()) {
        const user = (state as { user?: PresenceUser }).user;
        if (user?.id && user.id !== self.id) seen.set(user.id, user);
      }
      setPeople([...seen.values()]);
    };
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [provider, self.id]);
  return (
    <ul className="flex items-center gap-1" aria-label="People on this article">
      {[self, ...people].map((person) => (
        <li key={person.id} title={person.id === self.id ? `${person.name} (you)` : person.name} className="flex size-8 items-center justify-center rounded-full text-xs font-semibold text-white ring-2 ring-white" style={{ backgroundColor: person.color }}>
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
