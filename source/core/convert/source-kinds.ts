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

/** The member of a users-object that holds the users: AWS's responses capitalise their members (`Users`). */
export const usersMember = (kind: SourceKind | undefined) => (kind === 'cognito' ? 'Users' : 'users');

/** The array key the JSON reader looks for, for a layout whose users sit under one. */
export const arrayKeyOf = (layout: {kind?: SourceKind; container: SourceContainer}) =>
	layout.container === 'users-object' ? usersMember(layout.kind) : undefined;

const containerNames: Record<SourceContainer, (kind: SourceKind) => string> = {
	json: () => 'JSON',
	'users-object': kind => `JSON under "${usersMember(kind)}"`,
	csv: () => 'CSV',
	'headerless-csv': () => 'CSV without a header row',
};

/** How the users sit in the file, for a person: "CSV", "JSON under "Users"". */
export const containerName = (layout: SourceLayout) => containerNames[layout.container](layout.kind);

/** What a file is, for a person: "Auth0's export (CSV)". */
export const layoutName = (layout: SourceLayout) => `${sourceNames[layout.kind]}'s export (${containerName(layout)})`;
