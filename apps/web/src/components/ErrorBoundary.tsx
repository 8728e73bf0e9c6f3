import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorMessage } from './states';

interface State {
  error: unknown;
}

/** Keeps one broken view from blanking the whole console; "Try again" re-renders it. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('view failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return (
      <div className="card">
        <ErrorMessage error={this.state.error} title="This view failed to load" />
        <button type="button" className="button secondary" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
