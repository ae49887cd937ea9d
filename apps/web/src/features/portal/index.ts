/** The portal feature as other features and the app shell see it. */
export { MyDetailsPage } from './components/MyDetailsPage';
export { NewTicketPage } from './components/NewTicketPage';
export { PortalHomePage } from './components/PortalHomePage';
export { PortalTicketPage } from './components/PortalTicketPage';
export { PrivacyNoticePage } from './components/PrivacyNoticePage';
export { PrivacyRequestsPage } from './components/PrivacyRequestsPage';
