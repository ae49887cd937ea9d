/** The admin feature as other features and the app shell see it. */
export { ControllerSettingsPage } from './components/ControllerSettingsPage';
export { OrganisationsPage } from './components/OrganisationsPage';
export { UsersPage } from './components/UsersPage';
