/** The dpo feature as other features and the app shell see it. */
export { AuditTrailPage } from './components/AuditTrailPage';
export { DpoHomePage } from './components/DpoHomePage';
export { DpoTicketPage } from './components/DpoTicketPage';
export { FieldPoliciesPage } from './components/FieldPoliciesPage';
export { RopaPage } from './components/RopaPage';
