import { ROLE_LABELS, ROLES, isRole, type Role } from '@hushdesk/contracts';
import { SelectField } from '../../../ui/Field';

const ROLE_HINTS: Record<Role, string> = {
  customer: 'Logs faults and follows their own organisation’s requests.',
  engineer: 'Works the queue. Sees personal details only when a ticket needs them.',
  dpo: 'Handles data-subject requests and reviews access to personal data.',
  admin: 'Manages organisations and accounts.',
};

/** An account's role, with what it may do, for the new-user form and the edit dialog alike. */
export function RoleSelect({
  id,
  role,
  onChange,
  error,
}: {
  id: string;
  role: Role;
  onChange: (role: Role) => void;
  error?: string;
}) {
  return (
    <SelectField
      id={id}
      label="Role"
      name="role"
      hint={ROLE_HINTS[role]}
      value={role}
      onChange={(event) => {
        if (isRole(event.target.value)) onChange(event.target.value);
      }}
      error={error}
    >
      {ROLES.map((option) => (
        <option key={option} value={option}>
          {ROLE_LABELS[option]}
        </option>
      ))}
    </SelectField>
  );
}
