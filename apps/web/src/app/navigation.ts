import type { Role } from '@hushdesk/contracts';
import type { ComponentType } from 'react';
import {
  ArchiveIcon,
  BuildingIcon,
  ChartIcon,
  ClockIcon,
  ClipboardCheckIcon,
  FileTextIcon,
  GroupIcon,
  InboxIcon,
  KeyIcon,
  LockIcon,
  MailIcon,
  QueueIcon,
  SendIcon,
  TagIcon,
  ShieldIcon,
  SlidersIcon,
  SparkIcon,
  UserIcon,
  UsersIcon,
  ViewsIcon,
} from '../ui/icons';

export interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number }>;
  /** Only highlight when the path matches exactly (for area homes that have sub-pages). */
  end?: boolean;
}

/** The privacy-office screens, which administrators also reach from their own area. */
function privacyOffice(area: '/dpo' | '/admin'): NavItem[] {
  return [
    { to: `${area}/fields`, label: 'Field policies', icon: SlidersIcon },
    { to: `${area}/retention`, label: 'Retention', icon: ArchiveIcon },
    { to: `${area}/audit`, label: 'Audit trail', icon: ClipboardCheckIcon },
    { to: `${area}/ropa`, label: 'Record of processing', icon: FileTextIcon },
  ];
}

/** The sidebar for each role. Every role only ever sees its own area. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  customer: [
    { to: '/portal', label: 'Your requests', icon: InboxIcon, end: true },
    { to: '/portal/details', label: 'My details', icon: UserIcon },
    { to: '/portal/requests', label: 'Privacy requests', icon: ShieldIcon },
    { to: '/portal/privacy', label: 'Privacy', icon: LockIcon },
  ],
  engineer: [
    { to: '/console', label: 'Queue', icon: QueueIcon, end: true },
    { to: '/console/dashboard', label: 'Dashboard', icon: ChartIcon },
    { to: '/console/macros', label: 'Macros', icon: SparkIcon },
  ],
  dpo: [
    { to: '/dpo', label: 'Data-subject requests', icon: ShieldIcon, end: true },
    ...privacyOffice('/dpo'),
  ],
  admin: [
    { to: '/admin', label: 'Organisations', icon: BuildingIcon, end: true },
    { to: '/admin/tickets', label: 'Tickets', icon: QueueIcon },
    { to: '/admin/users', label: 'Users', icon: UsersIcon },
    { to: '/admin/sla', label: 'Hours and SLA', icon: ClockIcon },
    { to: '/admin/tags', label: 'Tags', icon: TagIcon },
    { to: '/admin/groups', label: 'Groups', icon: GroupIcon },
    { to: '/admin/views', label: 'Shared views', icon: ViewsIcon },
    { to: '/admin/controller', label: 'Controller', icon: ShieldIcon },
    { to: '/admin/mailboxes', label: 'Mailboxes', icon: MailIcon },
    { to: '/admin/outbox', label: 'Outbox', icon: SendIcon },
    { to: '/admin/macros', label: 'Macros', icon: SparkIcon },
    ...privacyOffice('/admin'),
  ],
};

const CHANGE_PASSWORD: NavItem = { to: '/account/password', label: 'Change password', icon: KeyIcon };
const EMAIL_NOTIFICATIONS: NavItem = { to: '/account/email', label: 'Email notifications', icon: MailIcon };

/** The account's own pages, shown beside the account in the sidebar: staff also choose their mail. */
export const ACCOUNT_NAVIGATION: Record<Role, NavItem[]> = {
  customer: [CHANGE_PASSWORD],
  engineer: [EMAIL_NOTIFICATIONS, CHANGE_PASSWORD],
  dpo: [EMAIL_NOTIFICATIONS, CHANGE_PASSWORD],
  admin: [EMAIL_NOTIFICATIONS, CHANGE_PASSWORD],
};

/** What the area is called, shown under the wordmark. */
export const AREA_NAMES: Record<Role, string> = {
  customer: 'Customer portal',
  engineer: 'Engineer console',
  dpo: 'Privacy office',
  admin: 'Administration',
};
