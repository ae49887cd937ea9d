import type { Role } from './roles';

export interface Organisation {
  id: string;
  name: string;
  /** When on, each customer of the organisation sees all its tickets, not only their own. */
  sharedTicketVisibility: boolean;
  createdAt: string;
}

export interface CreatePersonFields {
  fullName: string;
  phone?: string;
  jobTitle?: string;
  employer?: string;
  workAddress?: string;
  imHandle?: string;
}

/** An account as admins see it in lists. */
export interface UserSummary {
  id: string;
  personId: string;
  email: string;
  fullName: string | null;
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
  disabled: boolean;
  createdAt: string;
}
