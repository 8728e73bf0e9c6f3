import { TextField } from '../../../components/fields';

export function StepMesh() {
  return (
    <section className="card" aria-labelledby="step-mesh-title">
      <h2 id="step-mesh-title">Mesh and service</h2>
      <p className="lead">A mesh is the boundary of your services. The virtual service is the name clients call, such as <code>reviews.shop.local</code>.</p>
      <TextField name="meshName" label="Mesh name" placeholder="shop" />
      <TextField name="virtualServiceName" label="Virtual service name" placeholder="reviews.shop.local" />
    </section>
  );
}
