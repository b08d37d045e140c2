export { Mempool, REPLACEMENT_PRICE_BUMP, type CheckOptions, type MempoolOptions } from "./Mempool.ts";
export {
  MEMPOOL_REJECTION_REASONS,
  MempoolConflictError,
  MempoolError,
  type MempoolAdmission,
  type MempoolCheck,
  type MempoolRejection,
  type MempoolRejectionReason,
} from "./errors.ts";
export { effectiveTip, type SelectOptions } from "./ordering.ts";
export { selectNaive } from "./reference.ts";
