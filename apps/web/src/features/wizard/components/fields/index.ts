export { ListenerFields, VirtualNodeFields } from './VirtualNodeFields';
export { RouteFields } from './RouteFields';
export { WeightsEditor } from './WeightsEditor';
