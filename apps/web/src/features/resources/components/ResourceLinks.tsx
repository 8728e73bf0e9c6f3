import { Link } from 'react-router';
import type { ResourceRef } from '../api/appmesh';

/** Resources of one kind as a list of links by name, each with its version; `href` is where a resource's page is. */
export function ResourceLinks({ items, href }: { items: readonly ResourceRef[] | undefined; href: (r: ResourceRef) => string }) {
  return (
    <ul className="link-list">
      {items?.map((r) => (
        <li key={r.arn}>
          <Link to={href(r)}>{r.name}</Link>
          <span className="muted">version {r.version}</span>
        </li>
      ))}
    </ul>
  );
}
