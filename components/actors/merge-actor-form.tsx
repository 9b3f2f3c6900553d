"use client";

import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, inputClass } from "@/components/ui/field";
import { mergeActor, type ActorName } from "@/lib/api-client/actors";
import { pickerOptions, recordLabels, resolvePick } from "@/lib/tags/actor-picker";

/**
 * "Merge into…": another record picked by name or alias (lib/tags/actor-picker.ts), confirmed, then merged;
 * the page moves to the record merged into, which now counts this one's tags.
 */
export function MergeActorForm({ slug, id, name, records }: { slug: string; id: string; name: string; records: ActorName[] }) {
  const router = useRouter();
  const listId = useId();
  const others = useMemo(() => records.filter((record) => record.id !== id), [records, id]);
  const options = useMemo(() => pickerOptions(others), [others]);
  const labels = useMemo(() => recordLabels(others), [others]);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const pick = resolvePick(text, others);
    if (pick.found !== "record") {
      return setProblem(
        pick.found === "ambiguous"
          ? `Several records answer to “${text.trim()}”: pick one of them from the list.`
          : `No other record answers to “${text.trim()}”.`,
      );
    }
    const target = labels.get(pick.id)!;
    if (!window.confirm(`Merge “${name}” into “${target}”? Its tags will count for “${target}” until it is split off again.`)) return;
    setSending(true);
    const answer = await mergeActor(slug, id, pick.id);
    setSending(false);
    if (!answer.ok) return setProblem(answer.error);
    router.push(`/projects/${slug}/actors/${pick.id}`);
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Merge into another record" className="flex flex-col gap-2">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Merge into…
        <input
          className={inputClass}
          list={listId}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setProblem(null);
          }}
          placeholder="Another record's name"
          required
        />
      </label>
      <datalist id={listId}>
        {options.map((option) => (
          <option key={`${option.recordId}:${option.value}`} value={option.value} label={option.hint || undefined} />
        ))}
      </datalist>
      <p className="text-xs text-stone-500">Its tags then count for that record; “Split off” there undoes it.</p>
      <FormMessage message={problem ?? undefined} />
      <div>
        <Button type="submit" variant="secondary" disabled={sending}>
          {sending ? "Merging…" : "Merge"}
        </Button>
      </div>
    </form>
  );
}
