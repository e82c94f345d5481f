// The screens' few styles in one place. Colour only ever repeats what the text says (marks like > and
// ✗ carry the meaning), and none is used under NO_COLOR (https://no-color.org).

/** The colour of progress bars, or none. */
export function accentColor(): string | undefined {
	return process.env.NO_COLOR ? undefined : 'cyan';
}
