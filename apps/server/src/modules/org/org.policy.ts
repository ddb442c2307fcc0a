/** Named permissions of the org module; staff roles grant them (identity module). */
export const orgPermissions = {
  /** Create and change departments and regions (system administrators). */
  manageDepartments: 'org.department.manage',
} as const;
