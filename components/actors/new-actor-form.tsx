"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { createActor } from "@/lib/api-client/actors";
import { ActorFields, readActorForm } from "./actor-fields";
import { refusalOf, type Refusal } from "./refusal";

/** The Actors list's "New actor" form (owners, editors, reviewers): the list shows the new record at once. */
export function NewActorForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setSending(true);
    const answer = await createActor(slug, readActorForm(form));
    setSending(false);
    if (!answer.ok) return setRefusal(refusalOf(answer));
    setRefusal(null);
    setCreated({ id: answer.data.actor.id, name: answer.data.actor.name });
    form.reset();
    router.refresh();
  };
  return (
    <details className="mb-6 rounded-lg border border-stone-200 bg-white p-4">
      <summary className="cursor-pointer font-medium">New actor</summary>
      <form onSubmit={(event) => void submit(event)} aria-label="New actor" className="mt-4 flex flex-col gap-3">
        <ActorFields error={refusal} />
        <FormMessage message={refusal?.message} />
        {created && (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            Created{" "}
            <Link href={`/projects/${slug}/actors/${created.id}`} className="font-medium underline">
              {created.name}
            </Link>
            .
          </p>
        )}
        <div>
          <Button type="submit" disabled={sending}>
            {sending ? "Creating…" : "Create actor"}
          </Button>
        </div>
      </form>
    </details>
  );
}
