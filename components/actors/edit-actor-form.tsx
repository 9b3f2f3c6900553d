"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { updateActor } from "@/lib/api-client/actors";
import { ActorFields, readActorForm, type ActorValues } from "./actor-fields";
import { refusalOf, type Refusal } from "./refusal";

/** The actor page's edit form: every field is sent, the server records what changed in the history. */
export function EditActorForm({ slug, id, values }: { slug: string; id: string; values: ActorValues }) {
  const router = useRouter();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState(false);
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSending(true);
    const answer = await updateActor(slug, id, readActorForm(event.currentTarget));
    setSending(false);
    setSaved(answer.ok);
    setRefusal(answer.ok ? null : refusalOf(answer));
    if (answer.ok) router.refresh();
  };
  return (
    <details className="rounded-lg border border-stone-200 bg-white p-4">
      <summary className="cursor-pointer font-medium">Edit record</summary>
      <form onSubmit={(event) => void submit(event)} aria-label="Edit record" className="mt-4 flex flex-col gap-3">
        <ActorFields values={values} error={refusal} />
        <FormMessage message={refusal?.message} />
        <FormMessage message={saved ? "Saved." : undefined} ok />
        <div>
          <Button type="submit" disabled={sending}>
            {sending ? "Saving…" : "Save record"}
          </Button>
        </div>
      </form>
    </details>
  );
}
