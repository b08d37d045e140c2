import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <section className="space-y-3">
      <p className="text-sm font-medium text-accent">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-muted">This page does not exist, or is not part of the app yet.</p>
      <Link href="/" className="inline-block text-sm font-medium text-accent hover:underline">
        Back to the overview
      </Link>
    </section>
  );
}
