/** The tickets feature as other features and the app shell see it. */
export { AttachmentsPanel } from './components/AttachmentsPanel';
export { TicketChannelLabel } from './components/ChannelLabels';
export { LiveIndicator } from './components/LiveIndicator';
export { MergedNotice } from './components/MergedNotice';
export { MergeTicketCard } from './components/MergeTicketCard';
export { MacroPicker, macroChanges } from './components/MacroPicker';
export { MacrosPage } from './components/MacrosPage';
export { ReplyAttachments } from './components/ReplyAttachments';
export { SaveAsMacro } from './components/SaveAsMacro';
export { insertAtCursor, ReplyEditor } from './components/ReplyEditor';
export { RichText } from './components/RichText';
export { attachmentProblem, filesOf, namePastedFile } from './components/attachment-rules';
export { PresenceLine } from './components/PresenceLine';
export { RedactAction } from './components/RedactAction';
export { ShareSafeCopyCard } from './components/ShareSafeCopyCard';
export { SlaClockRow, SlaTimer } from './components/SlaTimer';
export { SlaWarningsTray } from './components/SlaWarningsTray';
export { staffTicketPaths, useStaffTicketPaths, type StaffTicketPaths } from './staff-paths';
export { PriorityBadge, StatusBadge } from './components/TicketBadges';
export { TicketFacts, typeAndCategory } from './components/TicketFacts';
export { TicketLoader } from './components/TicketLoader';
export { TicketThread } from './components/TicketThread';
export type { TicketFilters } from './hooks/ticket-cache';
export { useLiveTickets, useTicketEvent } from './hooks/use-live-tickets';
export { useDraftAutosave } from './hooks/use-draft-autosave';
export {
  uploadToTicket,
  useApplyMacro,
  useCreateMacro,
  useDraftFiles,
  useMacros,
  useReplyDraft,
  useSendDraft,
} from './hooks/use-reply-tools';
export { useTicketPresence } from './hooks/use-ticket-presence';
export {
  useCreateView,
  useDeleteView,
  useUpdateView,
  useViews,
  viewCountLabel,
  viewCountNoun,
} from './hooks/use-views';
export {
  useBulkChange,
  useCreateTicket,
  useDashboard,
  useEngineers,
  useSendMessage,
  useSolveTicket,
  useTicketGroups,
  useTicketHistory,
  useTicketList,
  useUndoBulkChange,
  useUndoTicketChange,
  useUpdateTicket,
  useUploadAttachment,
} from './hooks/use-tickets';
