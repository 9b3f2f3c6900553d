import { Field, inputClass } from "@/components/ui/field";
import { ACTOR_KINDS, type ActorKind } from "@/lib/vocabulary";

export type ActorValues = {
  name: string;
  kind: ActorKind | null;
  aliases: string[];
  description: string | null;
  externalId: string | null;
};

/** Aliases as typed: one per line or separated by commas, blanks dropped (the server drops repeats). */
export function splitAliases(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((alias) => alias.trim())
    .filter(Boolean);
}

/** The record the form describes; empty fields are null (the API keeps them unset). */
export function readActorForm(form: HTMLFormElement): ActorValues {
  const data = new FormData(form);
  const text = (key: string) => String(data.get(key) ?? "").trim();
  return {
    name: text("name"),
    kind: (text("kind") || null) as ActorKind | null,
    aliases: splitAliases(String(data.get("aliases") ?? "")),
    description: text("description") || null,
    externalId: text("externalId") || null,
  };
}

/**
 * A record's fields, shared by the New actor form and the actor page's edit form. Uncontrolled: each
 * form reads them when it is sent (readActorForm). `field` names the field the API refused, if any.
 */
export function ActorFields({ values, error }: { values?: ActorValues; error?: { field?: string; message: string } | null }) {
  const errorOf = (field: string) => (error?.field === field ? error.message : undefined);
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label="Name" error={errorOf("name")}>
        {(aria) => <input {...aria} name="name" required maxLength={200} defaultValue={values?.name} className={inputClass} />}
      </Field>
      <Field label="Kind" error={errorOf("kind")}>
        {(aria) => (
          <select {...aria} name="kind" defaultValue={values?.kind ?? ""} className={inputClass}>
            <option value="">unknown</option>
            {ACTOR_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Aliases" hint="Other names that mean this actor, one per line or separated by commas." error={errorOf("aliases")}>
        {(aria) => (
          <textarea {...aria} name="aliases" rows={3} defaultValue={values?.aliases.join("\n")} className={`${inputClass} py-2`} />
        )}
      </Field>
      <Field label="Description" error={errorOf("description")}>
        {(aria) => (
          <textarea
            {...aria}
            name="description"
            rows={3}
            maxLength={2000}
            defaultValue={values?.description ?? ""}
            className={`${inputClass} py-2`}
          />
        )}
      </Field>
      <Field label="External id" hint="E.g. a Wikidata id (Q42); kept as text, never looked up." error={errorOf("externalId")}>
        {(aria) => <input {...aria} name="externalId" maxLength={200} defaultValue={values?.externalId ?? ""} className={inputClass} />}
      </Field>
    </div>
  );
}
