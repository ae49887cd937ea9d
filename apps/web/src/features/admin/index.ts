/** The admin feature as other features and the app shell see it. */
export { ControllerSettingsPage } from './components/ControllerSettingsPage';
export { GroupsPage } from './components/GroupsPage';
export { OrganisationsPage } from './components/OrganisationsPage';
export { TagsPage } from './components/TagsPage';
export { SharedViewsPage } from './components/SharedViewsPage';
export { SlaSettingsPage } from './components/SlaSettingsPage';
export { UsersPage } from './components/UsersPage';
