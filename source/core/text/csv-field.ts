/**
 * A value as one CSV field: quoted when it holds a quote, a comma or a line break, and kept from being
 * read as a formula by a spreadsheet (a leading =, +, -, @, tab or carriage return gets a ').
 */
export function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
