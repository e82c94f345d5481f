// Auth0's User Import / Export extension titles its columns: since 2.0 as the `export_as` of the
// export job it starts (the file is the job's), before that as the keys of the JSON it built in the
// browser. Its default columns (client/reducers/export.js of auth0-extensions/auth0-user-import-export-extension)
// are read as the fields they were made from; columns a person added keep their own titles.

const defaultColumns: Record<string, string> = {
	Id: 'user_id',
	'Given Name': 'given_name',
	'Family Name': 'family_name',
	Nickname: 'nickname',
	Name: 'name',
	Email: 'email',
	'Email Verified': 'email_verified',
	Picture: 'picture',
	Connection: 'connection',
	'Created At': 'created_at',
	'Updated At': 'updated_at',
};

/** The user with Auth0's field names: as it is when it has a user_id, renamed when it has the extension's Id. */
export function withAuth0Names(user: Record<string, unknown>): Record<string, unknown> {
	if (typeof user.user_id === 'string' || !('Id' in user)) return user;
	const named: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(user)) named[defaultColumns[key] ?? key] = value;
	return named;
}
