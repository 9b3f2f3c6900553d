"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { splitActor } from "@/lib/api-client/actors";

/** Splits a merged record off the record it was merged into (undoing that one merge), once confirmed. */
export function SplitButton({ slug, id, name, from }: { slug: string; id: string; name: string; from: string }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const split = async () => {
    if (!window.confirm(`Split “${name}” off “${from}”? Its tags will count for “${name}” again.`)) return;
    setSending(true);
    const answer = await splitActor(slug, id);
    setSending(false);
    if (!answer.ok) return setProblem(answer.error);
    setProblem(null);
    router.refresh();
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" className="min-h-8 px-2" disabled={sending} onClick={() => void split()}>
        Split off
      </Button>
      {problem && (
        <span role="alert" className="text-sm text-red-700">
          {problem}
        </span>
      )}
    </span>
  );
}
