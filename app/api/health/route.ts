/** Liveness probe for the web app; the start script polls it. */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok", service: "web" });
}
