import { getFeed } from "@/lib/web/feed/http.ts";

/** Live chain state: never rendered at build time. */
export const dynamic = "force-dynamic";

/** `/feed.xml`: governance as an Atom feed (lib/web/feed). HEAD comes from GET; other methods get 405. */
export function GET(request: Request): Promise<Response> {
  return getFeed(request);
}
