import { Component, type ErrorInfo, type ReactNode } from 'react';
import { SAVING_WORDS } from '../messages';

/**
 * One stage that cannot be shown (a record in the document that a screen cannot read) shows a
 * plain message instead of a blank page, and the rest of the conference keeps working.
 */
export class StageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Only the kind of failure goes to the console, never what the record says.
    console.error('A stage could not be shown:', error.name, info.componentStack?.split('\n')[1]?.trim() ?? '');
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="stage-view stage-failed" role="alert">
        <h2>{SAVING_WORDS.stageFailed}</h2>
        <p>{SAVING_WORDS.stageFailedHelp}</p>
        <button type="button" onClick={() => this.setState({ failed: false })}>
          {SAVING_WORDS.tryAgain}
        </button>
      </div>
    );
  }
}
