import { useMemo } from 'react';
import { useAssignableRoles } from '../../api/users';

/** Roles as select options (names localised by the server). */
export function useRoleOptions() {
  const roles = useAssignableRoles();
  const options = useMemo(() => (roles.data ?? []).map((r) => ({ value: r.code, label: r.name })), [roles.data]);
  return { options, loading: roles.isLoading };
}

export const ENTERPRISE_ROLE = 'enterprise_user';
