import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-stone-600">
        Your role in this project does not give access to this page. A project owner can change your role.
      </p>
      <Link href="/projects" className="mt-6 inline-block text-accent underline">
        Back to your projects
      </Link>
    </main>
  );
}
