/**
 * The comparison could not be made (a revision does not render, git or tar is missing). npm run diff exits
 * 2 for it, as for bad input, so that exit 1 keeps meaning only "something changed" under --check.
 */
export class CannotCompareError extends Error {}
