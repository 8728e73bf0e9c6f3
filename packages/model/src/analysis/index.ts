export * from './finding';
export * from './finding-codes';
export * from './context';
export * from './analyze';
export * from './validate-bundle';
export { protocolOfRouteKind, matchPortOf, weightedTargetsOf, stableStringify } from '../route/rules';
export { httpRetryEventNames } from '../route/match-rules';
