/**
 * The JSON-RPC methods a public, wallet-facing endpoint passes on to a chain's node: the standard
 * reads and fee queries wallets and libraries (viem, ethers) use, and `eth_sendRawTransaction` of
 * a transaction the wallet signed itself. Both public endpoints use this one list: the web app's
 * proxy (`/api/rpc/<chainId>`) and the shared sequencer's per-chain endpoint (`/<chainId>`).
 *
 * Deliberately left out, so both endpoints refuse them with -32601:
 * - node-side signing: `eth_accounts` (dev nodes unlock their accounts; the sequencer answers it
 *   with `[]` itself), `eth_sendTransaction`, `eth_sign*`, `eth_signTypedData*`, `personal_*`;
 * - node control and introspection: `evm_*`, `hardhat_*`, `anvil_*`, `debug_*`, `admin_*`,
 *   `engine_*`, `txpool_*`, `miner_*`;
 * - stateful filters and subscriptions (`eth_newFilter`, `eth_newBlockFilter`,
 *   `eth_newPendingTransactionFilter`, `eth_getFilterChanges`, `eth_getFilterLogs`,
 *   `eth_uninstallFilter`, `eth_subscribe`): they keep per-client state on the node that any
 *   caller could grow, and HTTP cannot push. viem and ethers fall back to polling `eth_getLogs`
 *   and `eth_blockNumber`.
 */
export const WALLET_RPC_METHODS = [
  "eth_blobBaseFee",
  "eth_blockNumber",
  "eth_call",
  "eth_chainId",
  "eth_createAccessList",
  "eth_estimateGas",
  "eth_feeHistory",
  "eth_gasPrice",
  "eth_getBalance",
  "eth_getBlockByHash",
  "eth_getBlockByNumber",
  "eth_getBlockTransactionCountByHash",
  "eth_getBlockTransactionCountByNumber",
  "eth_getCode",
  "eth_getLogs",
  "eth_getProof",
  "eth_getStorageAt",
  "eth_getTransactionByBlockHashAndIndex",
  "eth_getTransactionByBlockNumberAndIndex",
  "eth_getTransactionByHash",
  "eth_getTransactionCount",
  "eth_getTransactionReceipt",
  "eth_maxPriorityFeePerGas",
  "eth_sendRawTransaction",
  "eth_syncing",
  "net_version",
  "web3_clientVersion",
] as const;

export type WalletRpcMethod = (typeof WALLET_RPC_METHODS)[number];

const WALLET_RPC_METHOD_SET: ReadonlySet<string> = new Set(WALLET_RPC_METHODS);

/**
 * Whether `method` is one of {@link WALLET_RPC_METHODS}.
 *
 * @example
 * isWalletRpcMethod("eth_call") // true
 * isWalletRpcMethod("evm_mine") // false
 */
export function isWalletRpcMethod(method: string): method is WalletRpcMethod {
  return WALLET_RPC_METHOD_SET.has(method);
}
