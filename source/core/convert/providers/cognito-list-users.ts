import {isPlainObject} from '../../rules/json-values.js';

// The users of `aws cognito-idp list-users` (`{"Users": [...], "PaginationToken": ...}`), and the same
// users as one JSON array (cognito-backup-restore writes the SDK's users so): Username, Attributes as
// Name/Value pairs, UserCreateDate, UserLastModifiedDate, Enabled, UserStatus, MFAOptions. They are
// read as the row Cognito's user CSV would have, whose columns are the attribute names.

export function looksLikeCognitoUser(record: Record<string, unknown>): boolean {
	return typeof record.Username === 'string' && Array.isArray(record.Attributes);
}

/** The user as a row of the user CSV, with Enabled, UserStatus and the two dates beside the attributes. */
export function cognitoRowFromListUser(user: Record<string, unknown>): Record<string, unknown> {
	const row: Record<string, unknown> = {};
	for (const attribute of user.Attributes as unknown[])
		if (isPlainObject(attribute) && typeof attribute.Name === 'string') row[attribute.Name] = attribute.Value;
	row['cognito:username'] = user.Username;
	// SMS MFA of the old API: the CSV says the same with cognito:mfa_enabled
	if (Array.isArray(user.MFAOptions) && user.MFAOptions.length > 0) row['cognito:mfa_enabled'] = 'true';
	for (const key of ['Enabled', 'UserStatus', 'UserCreateDate', 'UserLastModifiedDate']) if (key in user) row[key] = user[key];
	return row;
}
