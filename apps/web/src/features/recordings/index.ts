/** The recordings feature as other features and the app shell see it. */
export { CallsCard } from './components/CallsCard';
export { FindCallsToHold } from './components/FindCallsToHold';
export { RecordingHoldControl } from './components/RecordingHoldControl';
export { recordingKeys, useLegalHold } from './hooks/use-recordings';
