export { createTraffic, type Traffic } from './traffic';
export { createTrafficRouter } from './router';
