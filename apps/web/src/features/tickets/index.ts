/** The tickets feature as other features and the app shell see it. */
export { AttachmentsPanel } from './components/AttachmentsPanel';
export { TicketChannelLabel } from './components/ChannelLabels';
export { LiveIndicator } from './components/LiveIndicator';
export { PresenceLine } from './components/PresenceLine';
export { SlaClockRow, SlaTimer } from './components/SlaTimer';
export { SlaWarningsTray } from './components/SlaWarningsTray';
export { PriorityBadge, StatusBadge } from './components/TicketBadges';
export { TicketFacts, typeAndCategory } from './components/TicketFacts';
export { TicketLoader } from './components/TicketLoader';
export { TicketThread } from './components/TicketThread';
export type { TicketFilters } from './hooks/ticket-cache';
export { useLiveTickets, useTicketEvent } from './hooks/use-live-tickets';
export { useTicketPresence } from './hooks/use-ticket-presence';
export {
  useCreateTicket,
  useDashboard,
  useEngineers,
  useSendMessage,
  useTicketGroups,
  useTicketHistory,
  useTicketList,
  useUndoTicketChange,
  useUpdateTicket,
} from './hooks/use-tickets';
