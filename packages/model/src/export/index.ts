// Export: a bundle written back as CloudFormation, Kubernetes manifests or AWS CLI inputs. Pure.
export { exportCloudFormation, toCloudFormationShape } from './to-cloudformation';
export { exportKubernetes, type KubernetesExport } from './to-kubernetes';
export { exportCliInputs } from './to-cli';
export { bundleItems, itemName, type BundleItem } from './bundle-items';
