import type { FusionSetting } from '../../retrieval/index/fusion.js';

/**
 * A fusion in which every dense hit above the mean counts and dense-only units may enter: for tests of the dense plumbing with the
 * random fixture model, whose calibrated weight is 0. Never a setting for real use.
 */
export const EVERY_DENSE_HIT: FusionSetting = { denseWeight: 1, standout: 0, denseOnly: true };
