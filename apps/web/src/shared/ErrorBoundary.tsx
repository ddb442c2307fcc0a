import { Component, type ReactNode } from 'react';
import { ErrorState } from './ErrorState';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** Set on the outermost boundary, which has no page layout (and so no `<main>`) around it. */
  fullPage?: boolean;
  /**
   * Runs before「重试」renders the children again, to clear whatever made them fail (such as
   * cached server data of an unexpected shape); without it a retry would fail the same way.
   */
  onReset?: () => void;
}

type ErrorBoundaryState = { failed: false } | { failed: true; error: unknown };

/**
 * Catches render errors below it and shows a designed error state instead of a blank page.
 * React 19 already logs caught errors to the console, so this does not log them again.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { failed: true, error };
  }

  private readonly retry = () => {
    this.props.onReset?.();
    this.setState({ failed: false });
  };

  override render() {
    if (!this.state.failed) {
      return this.props.children;
    }
    const fallback = <ErrorState error={this.state.error} onRetry={this.retry} />;
    return this.props.fullPage ? (
      <main id="main" className="full-page-state">
        {fallback}
      </main>
    ) : (
      fallback
    );
  }
}
