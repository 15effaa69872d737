/**
 * The namespace and the data volumes outlive `pulumi destroy` (retainOnDelete), and the next `up` applies
 * them again with server-side apply. Pulumi names a new random field manager for every new resource; a
 * different manager changing a field the old one set is a conflict, so a retained object could never be
 * taken over once any of its fields changed. Retained objects are applied under one fixed manager instead.
 */
export const RETAINED_FIELD_MANAGER = "llmobs";

/** The Pulumi Kubernetes provider reads the field manager of an object from this annotation. */
export const FIELD_MANAGER_ANNOTATION = "pulumi.com/patchFieldManager";

export function retainedObjectAnnotations(): Record<string, string> {
  return { [FIELD_MANAGER_ANNOTATION]: RETAINED_FIELD_MANAGER };
}
