// Auth0's bulk user export as CSV (the export job with `"format": "csv"`, which the User Import /
// Export extension also starts): a header row of the fields asked for, or of their `export_as`
// titles, then a row a user. Against formula injection every string cell starts with a `'`, is
// wrapped in double quotes and has its own double quotes doubled; Auth0's ISO dates, booleans and
// numbers are written bare (Auth0's docs, "Bulk user exports", Supported file formats). CSV holds no
// whole objects: app_metadata and user_metadata come as one column per field (`user_metadata.plan`).

const apostrophe = 0x27;

/** The cell without the `'` Auth0 put before it: only that one, so a value that starts with `'` keeps its own. */
export const withoutAuth0Prefix = (cell: string) => (cell.charCodeAt(0) === apostrophe ? cell.slice(1) : cell);

/**
 * An Auth0 CSV has a `user_id` column (`Id` from the extension) whose first value is a string: `'`,
 * then the provider and `|` (`'auth0|…`). Header names are trimmed and lowercased.
 */
export function looksLikeAuth0Csv(names: readonly string[], first: readonly string[] | undefined): boolean {
	const at = names.map(name => withoutAuth0Prefix(name)).findIndex(name => name === 'user_id' || name === 'id');
	const id = at < 0 ? undefined : first?.[at];
	return id !== undefined && id.charCodeAt(0) === apostrophe && id.includes('|');
}

/**
 * A header with Auth0's own field names for the id and the address: the shape `--from auth0` confirms
 * when the first value lacks Auth0's `'` (a CSV made by hand, say); the `'` is then stripped where it is.
 */
export function hasAuth0CsvHeader(names: readonly string[]): boolean {
	const plain = names.map(name => withoutAuth0Prefix(name));
	return (plain.includes('user_id') || plain.includes('id')) && plain.includes('email');
}

const objectColumns = new Set(['identities', 'app_metadata', 'user_metadata']);
const metadataColumn = /^(app_metadata|user_metadata)\.(.+)$/;

/** A whole object or array a cell may hold as JSON text, when it parses. */
function jsonCell(cell: string): unknown {
	if (!/^\s*[[{]/.test(cell)) return cell;
	try {
		return JSON.parse(cell) as unknown;
	} catch {
		return cell;
	}
}

type Column = {name: string; object?: string; field?: string; json: boolean};

// What each header name means, worked out once a file rather than once a row. The docs do not say
// whether the header's names are prefixed like the strings below them: a name never starts with `'`, so one is dropped
const plans = new WeakMap<readonly string[], Column[]>();

function plan(header: readonly string[]): Column[] {
	let columns = plans.get(header);
	if (!columns) {
		columns = header.map(cell => {
			const name = withoutAuth0Prefix(cell);
			const metadata = metadataColumn.exec(name);
			return metadata ? {name, object: metadata[1], field: metadata[2], json: false} : {name, json: objectColumns.has(name)};
		});
		plans.set(header, columns);
	}

	return columns;
}

/** A row of the CSV as the JSON export would have the user: prefixes stripped, metadata fields back in their objects. */
export function auth0UserFromCsv(header: readonly string[], cells: readonly string[]): Record<string, unknown> {
	const user: Record<string, unknown> = {};
	for (const [at, {name, object, field, json}] of plan(header).entries()) {
		const cell = withoutAuth0Prefix(cells[at] ?? '');
		if (object === undefined) {
			user[name] = json ? jsonCell(cell) : cell;
		} else if (cell !== '') {
			const held = user[object];
			const fields = typeof held === 'object' && held !== null ? (held as Record<string, unknown>) : {};
			fields[field!] = cell;
			user[object] = fields;
		}
	}

	return user;
}
