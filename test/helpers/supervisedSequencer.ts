/**
 * The devnet's supervised sequencer seen from a test: the process it runs now, and a wait for the
 * supervisor's restart to answer `/healthz` again.
 */
import type { SequencerProcess } from "../../lib/devnet/sequencerProcess.ts";
import { supervisedChild, type SupervisedChild } from "../../lib/devnet/supervisor.ts";

/** The sequencer process the supervisor runs now. */
export function currentSequencer(sequencer: SequencerProcess): SupervisedChild {
  const child = supervisedChild(sequencer.childFile);
  if (!child) throw new Error(`no sequencer recorded in ${sequencer.childFile}`);
  return child;
}

/**
 * Resolves with the sequencer process once the supervisor has started it `restarts` times over
 * and it answers `/healthz`.
 */
export async function servingAfterRestart(sequencer: SequencerProcess, restarts: number, { timeoutMs = 60_000 } = {}): Promise<SupervisedChild> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const child = supervisedChild(sequencer.childFile);
    if (child && child.restarts >= restarts) {
      const healthy = await fetch(`${sequencer.url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
      if (healthy) return child;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the sequencer was not restarted and serving within ${timeoutMs / 1000} s; see ${sequencer.logFile}`);
}
