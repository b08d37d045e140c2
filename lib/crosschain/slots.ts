import { encodeAbiParameters, keccak256, type Hex } from "viem";

/**
 * Storage slots of the records that cross chains, as contracts/crosschain/CrosschainSlots.sol
 * computes them: `keccak256(abi.encode(id, base))`, where each base is an ERC-7201 location so it
 * does not depend on inherited storage. Computed here so a proof needs no extra RPC call.
 */
export const SLOT_BASES = {
  deposits: "0x2ecb120be8d52ca81478b97c680ecc82bbf586b959efb54725da3ce2e9aac800",
  withdrawals: "0x72b569e482c359e9b5b27d37ce3c5e9926071091ff10bd8b61f2c09c0449c100",
  tallies: "0x37509be7e2657f64d66688438c77ad2dfa11b19899786f378902683362d3a300",
  memberRoles: "0x777f2aa2537a83dbefdf4f4cc8c6dec5028e0167017d2a6684911e4dd2407400",
} as const satisfies Record<string, Hex>;

/** OpenZeppelin Governor's `_proposals` mapping sits at slot 4 of SuperchainGovernor's layout. */
export const GOVERNOR_PROPOSALS_SLOT = 4n;

const mappingSlot = (id: bigint, base: Hex | bigint): Hex =>
  keccak256(
    typeof base === "bigint"
      ? encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [id, base])
      : encodeAbiParameters([{ type: "uint256" }, { type: "bytes32" }], [id, base]),
  );

/** Where the hub's SpokeVotePool keeps deposit `id`'s commitment. */
export const depositSlot = (id: bigint): Hex => mappingSlot(id, SLOT_BASES.deposits);
/** Where a member chain's SpokeToken keeps withdrawal `id`'s commitment. */
export const withdrawalSlot = (id: bigint): Hex => mappingSlot(id, SLOT_BASES.withdrawals);
/** Where a member chain's SpokeVoteAggregator keeps proposal `id`'s tally commitment. */
export const tallySlot = (id: bigint): Hex => mappingSlot(id, SLOT_BASES.tallies);
/** Where the hub's RootSettings keeps member chain `chainId`'s published roles commitment. */
export const memberRolesSlot = (chainId: bigint): Hex => mappingSlot(chainId, SLOT_BASES.memberRoles);
/** Where the hub governor keeps proposal `id`'s core record (proposer, voteStart, voteDuration, …). */
export const governorProposalSlot = (id: bigint): Hex => mappingSlot(id, GOVERNOR_PROPOSALS_SLOT);
