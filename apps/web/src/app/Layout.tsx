import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Loading } from '../components/states';
import { useLiveUpdates } from '../lib/live-updates';
import { useCanCreateMeshes, useIsAdmin } from '../features/session/api/session';
import { SignedIn } from '../features/session/components/SignedIn';

export function Layout() {
  useLiveUpdates();
  const canCreate = useCanCreateMeshes();
  const admin = useIsAdmin();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          meshwright
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Meshes
          </NavLink>
          {canCreate ? <NavLink to="/get-started">Get started</NavLink> : null}
          {canCreate ? <NavLink to="/import">Import</NavLink> : null}
          {admin ? <NavLink to="/admin/keys">Access keys</NavLink> : null}
          {admin ? <NavLink to="/admin/audit">Audit log</NavLink> : null}
          {admin ? <NavLink to="/admin/proxy-certificates">Proxy certificates</NavLink> : null}
        </nav>
        <SignedIn />
      </header>
      <main id="main">
        <ErrorBoundary>
          <Suspense fallback={<Loading lines={6} />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}
