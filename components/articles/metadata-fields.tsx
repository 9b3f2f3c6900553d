"use client";

import type { MetadataValues } from "@/lib/articles/metadata-values";
import { TextField } from "@/components/ui/field";

/** The article's metadata as controlled inputs; blank fields are sent as "not given". */
export function MetadataFields({
  values,
  onChange,
  errors = {},
}: {
  values: MetadataValues;
  onChange: (values: MetadataValues) => void;
  errors?: Record<string, string>;
}) {
  const field = (
    name: keyof MetadataValues,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> & { hint?: string } = {},
  ) => (
    <TextField
      label={label}
      name={name}
      value={values[name]}
      error={errors[name]}
      onChange={(event) => onChange({ ...values, [name]: event.target.value })}
      {...props}
    />
  );
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="sm:col-span-2">{field("title", "Title", { required: true })}</div>
      {field("byline", "Byline")}
      {field("source", "Outlet")}
      {field("url", "URL", { type: "url", inputMode: "url" })}
      {field("publishedAt", "Published", { type: "date" })}
      {field("language", "Language", { placeholder: "en", hint: "A BCP 47 tag such as en or pt-BR" })}
    </div>
  );
}
