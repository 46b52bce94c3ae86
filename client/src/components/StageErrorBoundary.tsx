import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '../i18n/store';

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
    return <StageFailed retry={() => this.setState({ failed: false })} />;
  }
}

function StageFailed({ retry }: { retry: () => void }): React.JSX.Element {
  const { t } = useT();
  return (
    <div className="stage-view stage-failed" role="alert">
      <h2>{t('saving.stageFailed')}</h2>
      <p>{t('saving.stageFailedHelp')}</p>
      <button type="button" onClick={retry}>
        {t('common.tryAgain')}
      </button>
    </div>
  );
}
