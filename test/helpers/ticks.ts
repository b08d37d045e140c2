import type { ChainSequencer } from "../../lib/sequencer/chainSequencer.ts";

/**
 * Waits, tick by tick of a chain's block loop, until `done` holds: checked before each tick and
 * once after the last of at most `limit` ticks. Resolves to whether it held. The test moves as
 * fast as the loop does, and its bound is counted in ticks, not in seconds of a loaded machine.
 *
 * @example
 * assert.ok(await ticksUntil(chain, async () => (await node.getBlockNumber()) > pausedAt), "blocks resume");
 */
export async function ticksUntil(chain: Pick<ChainSequencer, "ticked">, done: () => boolean | Promise<boolean>, limit = 10): Promise<boolean> {
  for (let i = 0; i < limit; i++) {
    if (await done()) return true;
    await chain.ticked();
  }
  return done();
}

/** Waits for the next `count` ticks of a chain's block loop to end. */
export async function ticks(chain: Pick<ChainSequencer, "ticked">, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await chain.ticked();
}
