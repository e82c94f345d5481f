// Who a record is, in a few characters, for the problem list: its primary email (what people
// recognise), else its first email, user_id or username. Read lazily for the visible rows only: the
// engine keeps no values.

export function recordLabel(text: string | undefined): string {
	if (text === undefined) return '';
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return '(not JSON)';
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) return '—';
	const user = value as Record<string, unknown>;
	const emails = Array.isArray(user.emails)
		? user.emails.filter((email): email is Record<string, unknown> => typeof email === 'object' && email !== null)
		: [];
	const address = (emails.find(email => email.is_primary === true) ?? emails[0])?.address;
	if (typeof address === 'string' && address) return address;
	if (typeof user.user_id === 'string' && user.user_id) return user.user_id;
	return typeof user.username === 'string' && user.username ? user.username : '—';
}

/** The user's id, username and email addresses: what a search for a person looks at. */
export function recordIdentities(text: string | undefined): string[] {
	if (text === undefined) return [];
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return [text]; // A broken record: search its text as it is
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
	const user = value as Record<string, unknown>;
	const found: string[] = [];
	for (const field of [user.user_id, user.username]) if (typeof field === 'string') found.push(field);
	if (Array.isArray(user.emails)) {
		for (const email of user.emails) {
			const address = (email as Record<string, unknown> | null)?.address;
			if (typeof address === 'string') found.push(address);
		}
	}

	return found;
}
