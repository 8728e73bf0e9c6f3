import { hasTopology } from '../../../app/topology';
import { MeshLayout } from './MeshLayout';

export const MeshLayoutRoute = () => <MeshLayout hasTopology={hasTopology} />;
