/**
 * Runs once when the web app's server starts (Next.js instrumentation): it refuses to start on a
 * deployment manifest that was chosen explicitly and is missing or invalid (lib/web/server/startupCheck.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { chosenDeploymentProblem } = await import("./lib/web/server/startupCheck.ts");
  const problem = await chosenDeploymentProblem();
  if (problem === undefined) return;
  console.error(problem);
  process.exit(1);
}
