export { REPLACEMENT_PRICE_BUMP } from "./replacement.ts";
export { admitted, Mempool, type CheckOptions, type InsertOptions, type MempoolLimits, type MempoolOptions } from "./Mempool.ts";
export {
  MEMPOOL_REJECTION_REASONS,
  MempoolConflictError,
  MempoolError,
  type MempoolAdmission,
  type MempoolSlot,
  type MempoolCheck,
  type MempoolRejection,
  type MempoolRejectionReason,
} from "./errors.ts";
export { checkTxpoolOptions, DEFAULT_TXPOOL_OPTIONS, TxpoolOptionsError, type TxpoolOptions } from "./options.ts";
export { effectiveTip, maxCost, type SelectOptions } from "./ordering.ts";
export { selectNaive } from "./reference.ts";
