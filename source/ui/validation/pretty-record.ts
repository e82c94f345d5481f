// A record pretty-printed line by line, each line knowing the JSON pointer of the value it starts, so
// the detail view can mark the lines a problem points at. Plain TypeScript, no terminal needed.

export type PrettyLine = {text: string; pointer: string};

function escapeKey(key: string): string {
	return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Below this depth a value is printed on one line: a line a level would give a record nested 10,000
 * deep (which Go still reads) 20,000 lines of indentation up to 20,000 spaces, and a deeper one would
 * overflow the stack.
 */
const maxPrettyDepth = 64;

/** A value on one line; one too deep even for JSON.stringify is named, not shown. */
function oneLine(node: unknown): string {
	try {
		return JSON.stringify(node);
	} catch {
		return '(nested too deep to show)';
	}
}

export function prettyLines(value: unknown): PrettyLine[] {
	const lines: PrettyLine[] = [];
	const walk = (node: unknown, pointer: string, indent: string, prefix: string, suffix: string) => {
		if (indent.length >= 2 * maxPrettyDepth) {
			lines.push({text: `${indent}${prefix}${oneLine(node)}${suffix}`, pointer});
			return;
		}

		if (Array.isArray(node) || (typeof node === 'object' && node !== null)) {
			const entries: Array<[string, unknown]> = Array.isArray(node)
				? node.map((item, index) => [String(index), item])
				: Object.entries(node);
			const [open, close] = Array.isArray(node) ? ['[', ']'] : ['{', '}'];
			if (entries.length === 0) {
				lines.push({text: `${indent}${prefix}${open}${close}${suffix}`, pointer});
				return;
			}

			lines.push({text: `${indent}${prefix}${open}`, pointer});
			for (const [index, [key, child]] of entries.entries()) {
				const childPrefix = Array.isArray(node) ? '' : `${JSON.stringify(key)}: `;
				walk(child, `${pointer}/${escapeKey(key)}`, `${indent}  `, childPrefix, index < entries.length - 1 ? ',' : '');
			}

			lines.push({text: `${indent}${close}${suffix}`, pointer});
			return;
		}

		lines.push({text: `${indent}${prefix}${JSON.stringify(node)}${suffix}`, pointer});
	};

	walk(value, '', '', '', '');
	return lines;
}

/** The first line of the value at `pointer`, or -1. */
export function lineOf(lines: readonly PrettyLine[], pointer: string): number {
	return lines.findIndex(line => line.pointer === pointer);
}
