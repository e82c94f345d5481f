// JSON.parse says only "at position N" (and some messages quote the input, which may hold personal
// data). This strict checker runs only on text JSON.parse refused, to name the fault in our own words.
// It reports the fault where JSON.parse (V8) does, with two deliberate exceptions that point closer
// to what has to be edited:
// - a trailing comma is reported at the ',' (V8: at the '}' or ']' after it, often a line later);
// - a misspelt literal or an unquoted word is reported at its first letter (V8: at the first letter
//   that differs from true, false or null, e.g. at the 'o' of `nobody`).
// It keeps its own stack instead of recursing, so deeply nested records cannot overflow the stack.

export type SyntaxFault = {
	/** Index into the text (UTF-16 code units). */
	index: number;
	message: string;
};

class Fault extends Error {
	constructor(
		readonly index: number,
		message: string,
	) {
		super(message);
	}
}

function describe(text: string, index: number): string {
	if (index >= text.length) return 'end of record';
	const code = text.codePointAt(index)!;
	if (code < 0x20) return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
	return `'${String.fromCodePoint(code)}'`;
}

function isDigit(c: number): boolean {
	return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
	return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

const inArray = 0;
const inObject = 1;

class Checker {
	index = 0;

	constructor(private readonly text: string) {}

	fail(message: string, at = this.index): never {
		throw new Fault(at, message);
	}

	unexpected(what: string, at = this.index): never {
		this.fail(`expected ${what} but found ${describe(this.text, at)}`, at);
	}

	space(): void {
		const {text} = this;
		while (this.index < text.length) {
			const c = text.charCodeAt(this.index);
			if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
			this.index++;
		}
	}

	/** The whole text must be one value (surrounding whitespace allowed). */
	document(): void {
		const stack: number[] = []; // inArray or inObject for every open container
		for (;;) {
			// A value is expected here
			this.space();
			const c = this.text.charCodeAt(this.index);
			if (c === 0x7b) {
				this.index++;
				this.space();
				if (this.text.charCodeAt(this.index) === 0x7d) {
					this.index++;
				} else {
					this.member();
					stack.push(inObject);
					continue;
				}
			} else if (c === 0x5b) {
				this.index++;
				this.space();
				if (this.text.charCodeAt(this.index) === 0x5d) {
					this.index++;
				} else {
					stack.push(inArray);
					continue;
				}
			} else {
				this.scalar();
			}

			// After a value: close containers, or find the ',' before the next value
			for (;;) {
				this.space();
				if (stack.length === 0) {
					if (this.index < this.text.length) this.unexpected('the end of the record');
					return;
				}

				const open = stack.at(-1)!;
				const close = open === inObject ? 0x7d : 0x5d;
				const c = this.text.charCodeAt(this.index);
				if (c === close) {
					this.index++;
					stack.pop();
					continue;
				}

				if (c !== 0x2c) this.unexpected(open === inObject ? "',' or '}'" : "',' or ']'");
				const comma = this.index;
				this.index++;
				this.space();
				if (this.text.charCodeAt(this.index) === close) this.fail(`trailing ',' before '${open === inObject ? '}' : ']'}'`, comma);
				if (open === inObject) this.member();
				break;
			}
		}
	}

	/** A property name and its ':'; the value follows. */
	member(): void {
		if (this.text.charCodeAt(this.index) !== 0x22) this.unexpected('a double-quoted property name');
		this.string();
		this.space();
		if (this.text.charCodeAt(this.index) !== 0x3a) this.unexpected("':' after the property name");
		this.index++;
	}

	scalar(): void {
		const c = this.text.charCodeAt(this.index);
		if (c === 0x22) this.string();
		else if (c === 0x2d || isDigit(c)) this.number();
		else if (c === 0x74 || c === 0x66 || c === 0x6e) this.literal();
		else this.unexpected('a value');
	}

	string(): void {
		const {text} = this;
		this.index++;
		for (;;) {
			if (this.index >= text.length) this.fail('unterminated string');
			const c = text.charCodeAt(this.index);
			if (c === 0x22) {
				this.index++;
				return;
			}

			if (c < 0x20) this.fail(`${describe(text, this.index)} inside a string (escape it)`);
			if (c === 0x5c) {
				this.index++;
				if (this.index >= text.length) this.fail('unterminated string');
				const next = text.charCodeAt(this.index);
				if (next === 0x75) {
					for (let k = 1; k <= 4; k++) {
						if (!isHex(text.charCodeAt(this.index + k))) this.fail('bad \\u escape: four hex digits expected', this.index + k);
					}

					this.index += 5;
					continue;
				}

				// One of " \ / b f n r t
				if (
					next !== 0x22 &&
					next !== 0x5c &&
					next !== 0x2f &&
					next !== 0x62 &&
					next !== 0x66 &&
					next !== 0x6e &&
					next !== 0x72 &&
					next !== 0x74
				) {
					this.fail(`bad escape sequence in a string: ${describe(text, this.index)} cannot follow '\\'`);
				}
			}

			this.index++;
		}
	}

	literal(): void {
		for (const word of ['true', 'false', 'null']) {
			if (this.text.startsWith(word, this.index)) {
				this.index += word.length;
				return;
			}
		}

		this.unexpected('a value (strings need double quotes)');
	}

	number(): void {
		const {text} = this;
		if (text.charCodeAt(this.index) === 0x2d) {
			this.index++;
			if (!isDigit(text.charCodeAt(this.index))) this.unexpected("a digit after '-'");
		}

		if (text.charCodeAt(this.index) === 0x30) {
			this.index++;
			if (isDigit(text.charCodeAt(this.index))) this.fail('a number cannot have leading zeros');
		} else {
			while (isDigit(text.charCodeAt(this.index))) this.index++;
		}

		if (text.charCodeAt(this.index) === 0x2e) {
			this.index++;
			if (!isDigit(text.charCodeAt(this.index))) this.unexpected('a digit after the decimal point');
			while (isDigit(text.charCodeAt(this.index))) this.index++;
		}

		const e = text.charCodeAt(this.index);
		if (e === 0x65 || e === 0x45) {
			this.index++;
			const sign = text.charCodeAt(this.index);
			if (sign === 0x2b || sign === 0x2d) this.index++;
			if (!isDigit(text.charCodeAt(this.index))) this.unexpected('a digit in the exponent');
			while (isDigit(text.charCodeAt(this.index))) this.index++;
		}
	}
}

/** The first syntax fault in `text`, or undefined if it is valid JSON. */
export function locateSyntaxError(text: string): SyntaxFault | undefined {
	const checker = new Checker(text);
	try {
		checker.document();
		return undefined;
	} catch (error) {
		if (error instanceof Fault) return {index: error.index, message: error.message};
		throw error;
	}
}
