// JSON.parse says only "at position N" (and some messages quote the input, which may hold personal
// data). This strict checker runs only on text JSON.parse refused, to name the fault in our own words.

export type SyntaxFault = {
	/** Index into the text (UTF-16 code units). */
	index: number;
	message: string;
};

class Fault extends Error {
	constructor(readonly index: number, message: string) {
		super(message);
	}
}

function describe(text: string, index: number): string {
	if (index >= text.length) return 'end of record';
	const code = text.codePointAt(index)!;
	if (code < 0x20) return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
	return `'${String.fromCodePoint(code)}'`;
}

class Checker {
	index = 0;

	constructor(private readonly text: string) {}

	fail(message: string): never {
		throw new Fault(this.index, message);
	}

	unexpected(what: string): never {
		this.fail(`expected ${what} but found ${describe(this.text, this.index)}`);
	}

	space(): void {
		const {text} = this;
		while (this.index < text.length) {
			const c = text.charCodeAt(this.index);
			if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
			this.index++;
		}
	}

	value(depth: number): void {
		if (depth > 10_000) this.fail('nesting too deep');
		this.space();
		const c = this.text[this.index];
		switch (c) {
			case '{': {
				this.object(depth);
				break;
			}

			case '[': {
				this.array(depth);
				break;
			}

			case '"': {
				this.string();
				break;
			}

			case 't':
			case 'f':
			case 'n': {
				this.literal();
				break;
			}

			default: {
				if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
				else this.unexpected('a value');
			}
		}
	}

	object(depth: number): void {
		this.index++;
		this.space();
		if (this.text[this.index] === '}') {
			this.index++;
			return;
		}

		for (;;) {
			this.space();
			if (this.text[this.index] === '}') this.fail('trailing \',\' before \'}\'');
			if (this.text[this.index] !== '"') this.unexpected('a double-quoted property name');
			this.string();
			this.space();
			if (this.text[this.index] !== ':') this.unexpected('\':\' after the property name');
			this.index++;
			this.value(depth + 1);
			this.space();
			const c = this.text[this.index];
			if (c === '}') {
				this.index++;
				return;
			}

			if (c !== ',') this.unexpected('\',\' or \'}\'');
			this.index++;
		}
	}

	array(depth: number): void {
		this.index++;
		this.space();
		if (this.text[this.index] === ']') {
			this.index++;
			return;
		}

		for (;;) {
			this.space();
			if (this.text[this.index] === ']') this.fail('trailing \',\' before \']\'');
			this.value(depth + 1);
			this.space();
			const c = this.text[this.index];
			if (c === ']') {
				this.index++;
				return;
			}

			if (c !== ',') this.unexpected('\',\' or \']\'');
			this.index++;
		}
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
				const next = text[this.index + 1];
				if (next === 'u') {
					if (!/^[\da-fA-F]{4}$/.test(text.slice(this.index + 2, this.index + 6))) this.fail('bad \\u escape: four hex digits expected');
					this.index += 6;
					continue;
				}

				if (next === undefined || !'"\\/bfnrt'.includes(next)) this.fail('bad escape sequence in a string');
				this.index += 2;
				continue;
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
		const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.index, this.index + 400));
		if (!match) this.unexpected('a number');
		this.index += match[0].length;
	}
}

/** The first syntax fault in `text`, or undefined if it is valid JSON. */
export function locateSyntaxError(text: string): SyntaxFault | undefined {
	const checker = new Checker(text);
	try {
		checker.value(0);
		checker.space();
		if (checker.index < text.length) checker.unexpected('the end of the record');
		return undefined;
	} catch (error) {
		if (error instanceof Fault) return {index: error.index, message: error.message};
		throw error;
	}
}
