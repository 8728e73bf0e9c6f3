import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { ErrorMessage, Loading } from '../../../components/states';
import { setUnauthorizedHandler } from '../../../lib/api-client';
import { replaceSession, sessionQueryOptions } from '../api/session';
import { LoginPage } from './LoginPage';

/**
 * The console only for a signed-in key: the login page while there is no session, and again as soon as
 * any request answers 401 (idle expiry). The URL is kept, so signing in returns to the same page, and
 * the wizard's draft survives in sessionStorage.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery(sessionQueryOptions());
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    setUnauthorizedHandler(() => {
      replaceSession(queryClient, null);
      setEnded(true);
    });
    return () => setUnauthorizedHandler(undefined);
  }, [queryClient]);
  useEffect(() => {
    if (session.data) setEnded(false);
  }, [session.data]);

  if (session.isPending) {
    return (
      <main id="main">
        <Loading label="Checking your session" lines={4} />
      </main>
    );
  }
  if (session.isError) {
    return (
      <main id="main">
        <ErrorMessage error={session.error} title="Could not check your session" />
      </main>
    );
  }
  if (!session.data) return <LoginPage ended={ended} />;
  return children;
}
