/**
 * The deployment manifest (`deployments/<network>.json`): which chains make up a superchain, where
 * their nodes and the shared sequencer answer, and where every contract lives. `superchain devnet up`
 * writes one for the local devnet; a real deployment is the same format with real URLs and
 * addresses. The schema is strict: unknown keys are rejected so typos surface instead of being
 * silently ignored.
 */
import { getAddress, isAddress, type Address } from "viem";
import { z } from "zod";

/** The manifest format this code reads and writes. */
export const MANIFEST_VERSION = 1;

/**
 * The local devnet's network name (`superchain devnet up` writes it). Only its manifest may use the
 * public dev keys and plaintext key inputs; every other network needs keystores.
 */
export const DEVNET_NETWORK = "devnet";

/**
 * Whether `manifest` is the local devnet's.
 *
 * @example
 * isDevnetManifest({ network: "devnet" }) // true
 */
export function isDevnetManifest(manifest: { network: string }): boolean {
  return manifest.network === DEVNET_NETWORK;
}

const kebabCase = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A zod error option: "is required" for a missing field, `must be <what>` for a wrong type. */
function expected(what: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? "is required" : `must be ${what}`) };
}

/** Any-case hex address in, EIP-55 checksummed `Address` out. */
export const addressSchema = z
  .string(expected("an address string"))
  .refine((value) => isAddress(value, { strict: false }), { error: "must be a 20-byte 0x-prefixed hex address" })
  .transform((value): Address => getAddress(value));

const httpUrlSchema = z.url({ protocol: /^https?$/, ...expected("an http:// or https:// URL") });

const nameSchema = z
  .string(expected("a kebab-case name"))
  .regex(kebabCase, { error: "must be a non-empty kebab-case name (e.g. base-local)" });

/**
 * A member chain's cross-chain voting contracts: its `pool` (SpokeVotePool) lives on the hub —
 * the chain's token escrow and vote source — while `token` (SpokeToken), `aggregator`
 * (SpokeVoteAggregator) and `verifier` (StateProofVerifier) live on the member chain itself.
 */
export const spokeContractsSchema = z.strictObject(
  {
    /** On the hub: the chain's SpokeVotePool (deposits, withdrawals, tally relays). */
    pool: addressSchema,
    /** On the member chain: the SpokeToken minted by proof of hub deposits. */
    token: addressSchema,
    /** On the member chain: the SpokeVoteAggregator where its delegates vote. */
    aggregator: addressSchema,
    /** On the member chain: the StateProofVerifier its token and aggregator use. */
    verifier: addressSchema,
    /** On the member chain: the block the SpokeToken was deployed at (where log scans start there). */
    deployBlock: z.lazy(() => blockNumberSchema).optional(),
  },
  expected("an object with pool, token, aggregator and verifier addresses"),
);

/** One chain of the superchain: the hub or a member. */
export const chainEntrySchema = z.strictObject(
  {
    chainId: z.int(expected("a positive integer")).positive({ error: "must be a positive integer" }),
    name: nameSchema,
    role: z.enum(["hub", "member"], expected('"hub" or "member"')),
    /** The chain's own execution node. */
    rpcUrl: httpUrlSchema,
    /** Members only: the shared sequencer's RPC URL for this chain, which users and wallets use. */
    sequencerRpcUrl: httpUrlSchema.optional(),
    /**
     * Members only, with a replicated sequencer: every replica's RPC URL for this chain (any of them
     * takes transactions and answers reads); `sequencerRpcUrl` is one of them.
     */
    sequencerReplicaUrls: z.array(httpUrlSchema).min(1).optional(),
    /** Members only: the HubStateOracle on this chain (recent hub state roots, for proofs). */
    hubStateOracle: addressSchema.optional(),
    /** Members only: the chain's cross-chain voting contracts (see {@link spokeContractsSchema}). */
    spoke: spokeContractsSchema.optional(),
    chainType: z.enum(["l1", "op"], expected('"l1" or "op"')),
  },
  expected("a chain object"),
);

const hubSchema = chainEntrySchema.superRefine((entry, ctx) => {
  if (entry.role !== "hub") ctx.addIssue({ code: "custom", path: ["role"], message: 'must be "hub" for the hub chain' });
  if (entry.sequencerRpcUrl !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["sequencerRpcUrl"],
      message: "the hub has no sequencer RPC URL (only member chains are sequenced by the shared sequencer)",
    });
  }
  if (entry.sequencerReplicaUrls !== undefined) {
    ctx.addIssue({ code: "custom", path: ["sequencerReplicaUrls"], message: "the hub has no sequencer replicas (only member chains are sequenced)" });
  }
  if (entry.spoke !== undefined) {
    ctx.addIssue({ code: "custom", path: ["spoke"], message: "the hub has no spoke contracts (each member chain's pool is listed under that member)" });
  }
  if (entry.hubStateOracle !== undefined) {
    ctx.addIssue({ code: "custom", path: ["hubStateOracle"], message: "the hub has no HubStateOracle (only member chains hold hub state roots)" });
  }
});

const memberSchema = chainEntrySchema.superRefine((entry, ctx) => {
  if (entry.role !== "member") ctx.addIssue({ code: "custom", path: ["role"], message: 'must be "member" for a member chain' });
  if (entry.sequencerReplicaUrls !== undefined && (entry.sequencerRpcUrl === undefined || !entry.sequencerReplicaUrls.includes(entry.sequencerRpcUrl))) {
    ctx.addIssue({ code: "custom", path: ["sequencerReplicaUrls"], message: "must include the member's sequencerRpcUrl" });
  }
  if (entry.spoke !== undefined && entry.hubStateOracle === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["hubStateOracle"],
      message: "is required when the member lists spoke contracts (its token and aggregator prove against it)",
    });
  }
});

const membersSchema = z
  .array(memberSchema, expected("an array of chains"))
  .min(1, { error: "must list at least one member chain" })
  .superRefine((members, ctx) => {
    const seen = new Map<number, number>();
    members.forEach((member, index) => {
      const first = seen.get(member.chainId);
      if (first === undefined) seen.set(member.chainId, index);
      else ctx.addIssue({ code: "custom", path: [index, "chainId"], message: `duplicate chain id ${member.chainId} (also members[${first}])` });
    });
  });

/** The governance contracts on the hub. */
export const contractsSchema = z.strictObject(
  {
    token: addressSchema,
    timelock: addressSchema,
    governor: addressSchema,
    memberChains: addressSchema,
    sequencerConfig: addressSchema,
    /** Member chains' output commitments, posted by their operators; usable after a challenge window. */
    outputOracle: addressSchema.optional(),
    /**
     * The governed challenge windows and block steps of committed roots, and each member chain's
     * published roles (operator, council, hub-state rules) that its HubStateOracle syncs by proof.
     */
    rootSettings: addressSchema.optional(),
    /** The hub's StateProofVerifier, which every SpokeVotePool proves member-chain state with. */
    stateProofVerifier: addressSchema.optional(),
  },
  expected("an object of contract addresses"),
);

/** The Security Council Safe on the hub. */
export const councilSchema = z
  .strictObject(
    {
      safe: addressSchema,
      owners: z.array(addressSchema, expected("an array of addresses")).min(1, { error: "must list at least one owner" }),
      threshold: z.int(expected("an integer")).min(1, { error: "must be at least 1" }),
    },
    expected("an object with safe, owners and threshold"),
  )
  .superRefine((council, ctx) => {
    const seen = new Map<Address, number>();
    council.owners.forEach((owner, index) => {
      const first = seen.get(owner);
      if (first === undefined) seen.set(owner, index);
      else ctx.addIssue({ code: "custom", path: ["owners", index], message: `duplicate owner ${owner} (also owners[${first}])` });
    });
    if (council.threshold > council.owners.length) {
      ctx.addIssue({
        code: "custom",
        path: ["threshold"],
        message: `threshold ${council.threshold} exceeds the number of owners (${council.owners.length})`,
      });
    }
  });

/**
 * The canonical Safe 1.4.1 contracts, the same on every chain; the names follow protocol-kit's
 * `contractNetworks` fields (without the `Address` suffix).
 */
export const safeContractsSchema = z.strictObject(
  {
    safeSingleton: addressSchema,
    safeL2Singleton: addressSchema,
    safeProxyFactory: addressSchema,
    multiSend: addressSchema,
    multiSendCallOnly: addressSchema,
    fallbackHandler: addressSchema,
    signMessageLib: addressSchema,
    createCall: addressSchema,
    simulateTxAccessor: addressSchema,
  },
  expected("an object of Safe contract addresses"),
);

/** A block number: a decimal string (bigint-safe) or a non-negative integer in JSON; a bigint in code. */
export const blockNumberSchema = z
  .union(
    [
      z.bigint().nonnegative({ error: "must be a non-negative block number" }),
      z.string().regex(/^(?:0|[1-9][0-9]*)$/, { error: "must be a block number as a decimal string (e.g. \"12\")" }),
      z.int().nonnegative({ error: "must be a non-negative block number" }),
    ],
    expected("a block number (a non-negative integer or a decimal string)"),
  )
  .transform((value) => BigInt(value));

export const manifestSchema = z
  .strictObject(
    {
      version: z.literal(MANIFEST_VERSION, {
        error: (issue) =>
          issue.input === undefined
            ? "is required"
            : `unsupported manifest version ${JSON.stringify(issue.input)} (this code reads version ${MANIFEST_VERSION})`,
      }),
      network: z.string(expected("a kebab-case name")).regex(kebabCase, { error: "must be a non-empty kebab-case name (e.g. devnet)" }),
      createdAt: z.iso.datetime({ offset: true, ...expected("an ISO 8601 date-time (e.g. 2026-01-01T00:00:00.000Z)") }),
      hub: hubSchema,
      members: membersSchema,
      contracts: contractsSchema,
      council: councilSchema,
      safe: safeContractsSchema,
      /**
       * The account that deployed the contracts. After deployment it must hold no power at all;
       * `superchain deploy verify` checks that it does not.
       */
      deployer: addressSchema.optional(),
      /** The block each contract was deployed at, by contract name (where log scans start). */
      deployBlocks: z.record(
        z.string().min(1, { error: "contract name must be non-empty" }),
        blockNumberSchema,
        expected("an object of contract name to block number"),
      ),
    },
    expected("a JSON object"),
  )
  .superRefine((manifest, ctx) => {
    const pools = new Map<Address, number>();
    manifest.members.forEach((member, index) => {
      if (member.spoke === undefined) return;
      const first = pools.get(member.spoke.pool);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["members", index, "spoke", "pool"], message: `duplicate pool ${member.spoke.pool} (also members[${first}]); each member chain has its own` });
      } else pools.set(member.spoke.pool, index);
    });
    if (pools.size > 0 && manifest.contracts.outputOracle === undefined) {
      ctx.addIssue({ code: "custom", path: ["contracts", "outputOracle"], message: "is required when a member lists spoke contracts (tallies are proven against its outputs)" });
    }
    manifest.members.forEach((member, index) => {
      if (member.chainId === manifest.hub.chainId) {
        ctx.addIssue({
          code: "custom",
          path: ["members", index, "chainId"],
          message: `chain id ${member.chainId} is the hub's chain id; a member chain needs its own`,
        });
      }
    });
  });

/** A validated manifest: addresses checksummed, block numbers as bigints. */
export type Manifest = z.output<typeof manifestSchema>;
/** What a manifest may look like before validation (as JSON or built in code). */
export type ManifestInput = z.input<typeof manifestSchema>;
export type ChainEntry = z.output<typeof chainEntrySchema>;
export type ChainRole = ChainEntry["role"];
export type ChainType = ChainEntry["chainType"];
export type ManifestContracts = Manifest["contracts"];
export type ManifestCouncil = Manifest["council"];
export type ManifestSafeContracts = Manifest["safe"];
export type SpokeContracts = z.output<typeof spokeContractsSchema>;
