/**
 * The one rule for "in force on the sequencer": a governed parameter change is applied on a chain
 * once the sequencer reports a configuration for that chain activated at or after the change's
 * activation (configurations only move forward, so a later one includes it).
 */
export function sequencerApplied(runningActivatedAt: bigint | undefined, changeActivatesAt: bigint): boolean {
  return runningActivatedAt !== undefined && runningActivatedAt >= changeActivatesAt;
}
