// The providers whose exports hanko-tui converts, and how their files are laid out.

export type SourceKind = 'auth0' | 'firebase' | 'supabase' | 'clerk' | 'cognito';

export const sourceKinds: readonly SourceKind[] = ['auth0', 'firebase', 'supabase', 'clerk', 'cognito'];

export const sourceNames: Record<SourceKind, string> = {
	auth0: 'Auth0',
	firebase: 'Firebase',
	supabase: 'Supabase',
	clerk: 'Clerk',
	cognito: 'Cognito',
};

/**
 * How the users sit in the file: JSON (an array or one a line), the array under `users` of one object
 * (Firebase's auth:export), or CSV with a header row or, for Firebase, without one.
 */
export type SourceContainer = 'json' | 'users-object' | 'csv' | 'headerless-csv';

export type SourceLayout = {kind: SourceKind; container: SourceContainer};
