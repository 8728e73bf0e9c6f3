import { ResourceList } from './ResourceList';

export const ServicesList = () => <ResourceList kind="virtualService" />;
export const NodesList = () => <ResourceList kind="virtualNode" />;
export const RoutersList = () => <ResourceList kind="virtualRouter" />;
