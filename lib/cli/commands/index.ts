import type { CommandDefinition } from "../command.ts";
import { configCommands } from "./config.ts";
import { councilCommands } from "./council.ts";
import { deployCommands } from "./deploy.ts";
import { devnetCommands } from "./devnet.ts";
import { keysCommands } from "./keys.ts";
import { proposalCommands } from "./proposal.ts";
import { relayCommands } from "./relay.ts";
import { sequencerCommands } from "./sequencer.ts";
import { tokenCommands } from "./token.ts";

/** Every `superchain` command, in the order `--help` lists them. One file per command group. */
export const COMMANDS: readonly CommandDefinition[] = [...devnetCommands, ...sequencerCommands, ...configCommands, ...relayCommands, ...tokenCommands, ...proposalCommands, ...councilCommands, ...deployCommands, ...keysCommands];
