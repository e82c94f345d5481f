// A path as one word of a POSIX shell command line, for the commands hanko-tui suggests: a person
// copies them as they are, so a space or a quote in a path must not split or end the word.

const plain = /^[\w@%+=:,./-]+$/;

export function shellWord(text: string): string {
	return plain.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
