import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { type Label, TAG_STATUSES } from "@/lib/vocabulary";

type Counts = { pending: number; accepted: number; rejected: number };

/** A label's name on its own tint and underline, as in the editor; the name itself carries the meaning. */
export function LabelName({ label }: { label: Label }) {
  const style = LABEL_STYLES[label];
  return (
    <span
      className="rounded px-1"
      style={{
        background: style.tint,
        textDecorationLine: "underline",
        textDecorationStyle: style.style,
        textDecorationColor: style.line,
        textUnderlineOffset: 3,
      }}
    >
      {style.name}
    </span>
  );
}

/** One label's tags on an article by review status, in words; the zeros are left out to keep it scannable. */
export function LabelCounts({ counts }: { counts: Counts | undefined }) {
  const parts = counts ? TAG_STATUSES.filter((status) => counts[status] > 0) : [];
  if (!counts || parts.length === 0) {
    return (
      <span className="text-stone-400">
        <span aria-hidden="true">—</span>
        <span className="sr-only">none</span>
      </span>
    );
  }
  return (
    <ul className="flex flex-col text-xs leading-5">
      {parts.map((status) => (
        <li
          key={status}
          className={status === "pending" ? "font-medium text-ink" : status === "rejected" ? "text-stone-500" : "text-stone-700"}
        >
          {counts[status]} {status}
        </li>
      ))}
    </ul>
  );
}
