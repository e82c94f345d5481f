/** A value as one CSV field: quoted when it holds a quote, a comma or a line break. */
export function csvField(value: string): string {
	return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
