import { DEVNET_HUB_DEFAULTS } from "../../lib/devnet/deploy.ts";
import type { SequencerParameters } from "../../lib/governance/index.ts";

/** The sequencer parameters test deployments start from: the devnet's own defaults. */
export const DEFAULT_PARAMETERS: SequencerParameters = DEVNET_HUB_DEFAULTS.sequencer.defaults;
