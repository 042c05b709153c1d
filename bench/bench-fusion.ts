import type { FusionSetting } from '../retrieval/index/fusion.js';

/**
 * The fusion the bench times hybrid queries with: the dense side asked on every query and fused, whatever weight a
 * random-weight model was calibrated to (0, which would skip it and time keyword search twice). Latency and memory
 * only; never a quality setting.
 */
export const BENCH_FUSION: FusionSetting = { denseWeight: 0.2, standout: 1.5, denseOnly: true };
