"use client";

import { useFormStatus } from "react-dom";

const STYLES = {
  primary: "bg-accent text-white hover:bg-sky-900 disabled:bg-stone-400",
  secondary: "border border-stone-300 bg-white text-ink hover:bg-stone-100 disabled:text-stone-400",
  danger: "border border-red-300 bg-white text-red-800 hover:bg-red-50 disabled:text-stone-400",
} as const;

type Props = React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof STYLES };

export function Button({ variant = "primary", className = "", ...props }: Props) {
  return (
    <button
      className={`inline-flex min-h-10 items-center justify-center rounded-md px-4 text-sm font-medium transition-colors ${STYLES[variant]} ${className}`}
      {...props}
    />
  );
}

/** A submit button that shows the form is being sent and cannot be pressed twice. */
export function SubmitButton({ children, pendingLabel, ...props }: Props & { pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} {...props}>
      {pending ? (pendingLabel ?? "Working…") : children}
    </Button>
  );
}
