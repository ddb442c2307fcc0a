/** Named permissions of the catalogue module. */
export const cataloguePermissions = {
  /** Create, edit, publish and retire items (事项管理, catalogue administrators). */
  manage: 'catalogue.manage',
} as const;
