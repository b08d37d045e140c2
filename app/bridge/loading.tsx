import { PageSkeleton } from "@/components/chains/skeleton.tsx";

/** Skeleton while the bridge's chains and token load. */
export default function Loading() {
  return <PageSkeleton label="Loading the bridge" blocks={3} />;
}
