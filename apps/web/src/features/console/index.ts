/** The console feature as other features and the app shell see it. */
export { ConsoleHomePage } from './components/ConsoleHomePage';
export { ConsoleTicketPage } from './components/ConsoleTicketPage';
export { DashboardPage } from './components/DashboardPage';
