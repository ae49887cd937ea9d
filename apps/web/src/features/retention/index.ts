/** The retention feature as other features and the app shell see it. */
export { RetentionPage } from './components/RetentionPage';
