import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Loading } from '../components/states';
import { useLiveUpdates } from '../lib/live-updates';

export function Layout() {
  useLiveUpdates();
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
          <NavLink to="/get-started">Get started</NavLink>
          <NavLink to="/import">Import</NavLink>
        </nav>
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
