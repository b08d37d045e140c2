/**
 * The most JSON-RPC requests one batch to `/api/rpc/<chainId>` may carry; the browser transport
 * batches up to it. A module of its own, with no imports, so browser code can use it without
 * pulling in server code.
 */
export const RPC_PROXY_MAX_BATCH = 200;
