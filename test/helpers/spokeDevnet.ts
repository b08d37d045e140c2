/**
 * A devnet without the sequencer for the web app's cross-chain tests, seen from base-local: the
 * test posts each commitment itself (as base-local's operator), so it sees every state of a
 * proven call in turn. `spokeDevnet` registers the `before` / `after` hooks of the enclosing
 * `describe`; read the fields inside tests (they are set once the devnet is up).
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";

import { createPublicClient, createWalletClient, http, type Abi, type Account, type PublicClient, type TransactionReceipt } from "viem";

import { loadManifest, viemChain, votingMember, type ChainEntry, type Manifest, type VotingMember } from "../../lib/chains/index.ts";
import { hubStateOracleAbi, outputOracleAbi } from "../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { DEVNET_HUB_DEFAULTS } from "../../lib/devnet/deploy.ts";
import { devnetDown, devnetUp, readDevnetState, type DevnetPaths } from "../../lib/devnet/devnet.ts";
import { freePort } from "../../lib/devnet/nodes.ts";
import { advanceTime } from "../../lib/devnet/time.ts";
import { writeContractWithHeadroom } from "../../lib/rpc/gasHeadroom.ts";

/** A write a test sends and expects to succeed. */
export interface TestCall {
  address: `0x${string}`;
  abi: Abi | readonly unknown[];
  functionName: string;
  args: readonly unknown[];
}

export interface SpokeDevnet {
  paths: DevnetPaths;
  manifest: Manifest;
  /** base-local, the member chain the tests bridge to and vote on. */
  base: ChainEntry;
  voting: VotingMember;
  hub: PublicClient;
  member: PublicClient;
  /** Sends `call` on `entry` from `account` and asserts it succeeded. */
  send: (entry: ChainEntry, account: Account, call: TestCall) => Promise<TransactionReceipt>;
  /** base-local's hub state oracle gets the hub's newest block (what the sequencer would post), and its window passes. */
  postHubState: () => Promise<void>;
  /** The hub's output oracle gets base-local's newest block (what the sequencer would post), and its window passes. */
  postOutput: () => Promise<void>;
}

/**
 * Starts the devnet (without the sequencer, on free ports, with `seedProposals` sample proposals)
 * before the enclosing `describe`'s tests, points `SUPERCHAIN_MANIFEST` at it, and stops it after.
 *
 * @example
 * const devnet = spokeDevnet("bridge-api-");
 * it("…", async () => { await devnet.postHubState(); });
 */
export function spokeDevnet(prefix: string, { seedProposals }: { seedProposals?: number } = {}): SpokeDevnet {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
  const operator = devAccount(DEV_ROLES.operators[0]); // base-local's operator: posts its outputs and hub states
  /** Every chain's clock moves on together (roots must not be stamped ahead of the receiving chain; windows pass). */
  const advance = (seconds: bigint) => advanceTime(readDevnetState(paths)?.nodes ?? [], seconds);

  const send = async (entry: ChainEntry, account: Account, call: TestCall) => {
    const chain = viemChain(entry);
    const wallet = createWalletClient({ account, chain, transport: http(entry.rpcUrl) });
    const hash = await writeContractWithHeadroom(wallet, { ...call, abi: call.abi as Abi, chain } as never);
    const receipt = await createPublicClient({ chain, transport: http(entry.rpcUrl) }).waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success", `${call.functionName} on ${entry.name}`);
    return receipt;
  };

  const devnet = {
    paths,
    send,
    async postHubState() {
      const head = await devnet.hub.getBlock();
      await advance(1n); // a root is never stamped after the receiving chain's clock
      await send(devnet.base, operator, {
        address: devnet.voting.hubStateOracle,
        abi: hubStateOracleAbi,
        functionName: "postHubState",
        args: [head.number, head.hash, head.stateRoot, Number(head.timestamp)],
      });
      await advance(BigInt(DEVNET_HUB_DEFAULTS.roots.hubStates.challengeWindow)); // usable, as after the window
    },
    async postOutput() {
      const block = await devnet.member.getBlock();
      await advance(1n);
      await send(devnet.manifest.hub, operator, {
        address: devnet.voting.outputOracle,
        abi: outputOracleAbi,
        functionName: "postOutput",
        args: [BigInt(devnet.base.chainId), block.number, block.hash, block.stateRoot, 1n, Number(block.timestamp)],
      });
      await advance(BigInt(DEVNET_HUB_DEFAULTS.roots.outputs.challengeWindow));
    },
  } as SpokeDevnet;

  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    await devnetUp(paths, { ports, sequencer: false, ...(seedProposals === undefined ? {} : { seedProposals }) });
    process.env.SUPERCHAIN_MANIFEST = paths.manifestFile;
    devnet.manifest = await loadManifest({ path: paths.manifestFile });
    devnet.base = devnet.manifest.members.find((m) => m.name === "base-local")!;
    devnet.voting = votingMember(devnet.manifest, devnet.base.chainId);
    devnet.hub = createPublicClient({ chain: viemChain(devnet.manifest.hub), transport: http(devnet.manifest.hub.rpcUrl) }) as PublicClient;
    devnet.member = createPublicClient({ chain: viemChain(devnet.base), transport: http(devnet.base.rpcUrl) }) as PublicClient;
  });
  after(() => devnetDown(paths));

  return devnet;
}
