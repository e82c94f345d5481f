/** A count for people: rounded, with thousands separators (1,234). */
export function count(value: number): string {
	return Math.round(value).toLocaleString('en-US');
}
