"use client";

import { useActionState } from "react";
import type { ProjectSettings } from "@/lib/auth/context";
import type { FormState } from "@/lib/http/form-state";
import { saveProjectSettingsAction } from "@/lib/projects/actions";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";

type Flag = "blindAnnotation" | "allowSelfReview" | "autoAcceptAgreement";

const FLAGS: { name: Flag; label: string; description: string }[] = [
  {
    name: "blindAnnotation",
    label: "Blind annotation",
    description: "Editors see only their own tags on an article until they mark their work on it done, and do not see agreement figures.",
  },
  {
    name: "allowSelfReview",
    label: "Allow self-review",
    description: "Reviewers and owners may accept or reject tags they made themselves.",
  },
  {
    name: "autoAcceptAgreement",
    label: "Auto-accept agreeing tags",
    description:
      "When two annotators make the same tag (same words, same label), it is accepted and kept as one; turning this on applies it to existing tags.",
  },
];

const EXPORTS = [
  { value: "gold", label: "Gold layer only", description: "Viewers export accepted tags only." },
  { value: "all", label: "Everything", description: "Viewers export every tag, pending and rejected included." },
] as const;

export function SettingsForm({ slug, initial }: { slug: string; initial: ProjectSettings }) {
  const [state, action] = useActionState<FormState<ProjectSettings>, FormData>(saveProjectSettingsAction.bind(null, slug), {});
  // React resets a form after its action: the defaults must be what was just stored, not what the page first had.
  const settings = state.data ?? initial;
  return (
    <form action={action} className="flex flex-col gap-5">
      {FLAGS.map((flag) => (
        <div key={flag.name} className="flex items-start gap-3">
          <input
            id={`setting-${flag.name}`}
            type="checkbox"
            name={flag.name}
            defaultChecked={settings[flag.name]}
            aria-describedby={`setting-${flag.name}-hint`}
            className="mt-1 size-4 accent-accent"
          />
          <div>
            <label htmlFor={`setting-${flag.name}`} className="font-medium">
              {flag.label}
            </label>
            <p id={`setting-${flag.name}-hint`} className="text-sm text-stone-600">
              {flag.description}
            </p>
          </div>
        </div>
      ))}
      <fieldset>
        <legend className="font-medium">Viewers may export</legend>
        <div className="mt-2 flex flex-col gap-2">
          {EXPORTS.map((option) => (
            <div key={option.value} className="flex items-start gap-3">
              <input
                id={`viewer-export-${option.value}`}
                type="radio"
                name="viewerExport"
                value={option.value}
                defaultChecked={settings.viewerExport === option.value}
                aria-describedby={`viewer-export-${option.value}-hint`}
                className="mt-1 size-4 accent-accent"
              />
              <div>
                <label htmlFor={`viewer-export-${option.value}`}>{option.label}</label>
                <p id={`viewer-export-${option.value}-hint`} className="text-sm text-stone-600">
                  {option.description}
                </p>
              </div>
            </div>
          ))}
        </div>
        {state.fieldErrors?.viewerExport && <p className="mt-1 text-sm text-red-700">{state.fieldErrors.viewerExport}</p>}
      </fieldset>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
        <FormMessage message={state.message ?? (state.fieldErrors ? "Some settings could not be saved." : undefined)} ok={state.ok} />
      </div>
    </form>
  );
}
