/** The narrow centred card the sign-in, sign-up and invite pages share. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: React.ReactNode; children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <p className="mb-8 font-serif text-3xl font-semibold tracking-tight">Margin</p>
      <h1 className="text-xl font-semibold">{title}</h1>
      {subtitle && <div className="mt-1 text-sm text-stone-600">{subtitle}</div>}
      <div className="mt-6">{children}</div>
    </main>
  );
}
