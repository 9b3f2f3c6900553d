import type { ReactNode } from "react";
import { isQuoted } from "@/lib/text/quotes";

/**
 * Words shown as a quotation: in <q> (the browser's quotation marks), unless they already open and close
 * with their own, which a second pair would only double (““…””).
 */
export function Quoted({ text, className }: { text: string; className?: string }): ReactNode {
  return isQuoted(text) ? <span className={className}>{text}</span> : <q className={className}>{text}</q>;
}
