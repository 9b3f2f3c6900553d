import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-stone-600">This page does not exist, or you are not a member of the project it belongs to.</p>
      <Link href="/projects" className="mt-6 inline-block text-accent underline">
        Back to your projects
      </Link>
    </main>
  );
}
