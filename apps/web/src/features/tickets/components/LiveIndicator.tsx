import { useSocketStatus, type SocketStatus } from '../../../lib/socket';
import './tickets.css';

const LABELS: Record<SocketStatus, { text: string; title: string }> = {
  connected: { text: 'Live', title: 'Changes by others appear here as they happen.' },
  connecting: { text: 'Connecting…', title: 'Connecting for live updates.' },
  reconnecting: {
    text: 'Reconnecting…',
    title: 'The live connection dropped. Hushdesk is reconnecting and will catch up.',
  },
  offline: { text: 'Not live', title: 'Live updates are off. Reload the page to see the latest changes.' },
};

/** Whether the page is updating by itself. */
export function LiveIndicator() {
  const status = useSocketStatus();
  const label = LABELS[status];
  return (
    <span className={`live-indicator live-indicator--${status}`} title={label.title}>
      <span className="live-indicator__dot" aria-hidden="true" />
      {label.text}
      <span className="visually-hidden">. {label.title}</span>
    </span>
  );
}
