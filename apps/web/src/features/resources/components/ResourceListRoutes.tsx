import { Link } from 'react-router';
import { ResourceList } from './ResourceList';

export const ServicesList = () => <ResourceList kind="virtualService" />;
export const NodesList = () => <ResourceList kind="virtualNode" />;
export const RoutersList = () => <ResourceList kind="virtualRouter" />;
export const GatewaysList = () => (
  <ResourceList
    kind="virtualGateway"
    actions={
      <Link className="button primary" to="-/new">
        Create virtual gateway
      </Link>
    }
  />
);
