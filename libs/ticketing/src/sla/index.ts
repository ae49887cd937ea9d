export {
  type BusinessCalendar,
  BUSINESS_DAY_MINUTES,
  DEFAULT_CALENDAR,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
} from './calendar';
export {
  addWorkingMinutes,
  assertValidCalendar,
  type ClockKind,
  isWithinBusinessHours,
  resumeDueAt,
  workingMinutesBetween,
} from './business-time';
export {
  computeDueDates,
  DEFAULT_SLA_TARGETS,
  type DueDates,
  type SlaTarget,
  type SlaTargets,
} from './targets';
export { AT_RISK_FRACTION, SLA_STATES, slaState, type SlaState, type SlaStateInput } from './sla-state';
