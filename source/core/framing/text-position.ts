/** Line and column of byte `to`, counting from byte `from` at (line, column); columns count characters. */
export function advancePosition(bytes: Uint8Array, from: number, to: number, line: number, column: number): {line: number; column: number} {
	for (let i = from; i < to; i++) {
		const c = bytes[i]!;
		if (c === 0x0a) {
			line++;
			column = 1;
		} else if (c < 0x80 || c >= 0xc0) {
			column++;
		}
	}

	return {line, column};
}

/** Offset of the first byte in [from, to) that breaks UTF-8, or `to` if there is none. */
export function firstInvalidUtf8(bytes: Uint8Array, from: number, to: number): number {
	let i = from;
	while (i < to) {
		const c = bytes[i]!;
		if (c < 0x80) {
			i++;
			continue;
		}

		let length = 0;
		let min = 0;
		if (c >= 0xc2 && c <= 0xdf) {
			length = 2;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			length = 3;
			min = 0x8_00;
		} else if (c >= 0xf0 && c <= 0xf4) {
			length = 4;
			min = 0x1_00_00;
		} else {
			return i;
		}

		if (i + length > to) return i;
		let code = c & (0xff >> (length + 1));
		for (let k = 1; k < length; k++) {
			const next = bytes[i + k]!;
			if ((next & 0xc0) !== 0x80) return i;
			code = (code << 6) | (next & 0x3f);
		}

		if (code < min || code > 0x10_ff_ff || (code >= 0xd8_00 && code <= 0xdf_ff)) return i;
		i += length;
	}

	return to;
}

/** Line and column of `index` in `text`, which starts at (line, column); columns count code points. */
export function advanceTextPosition(text: string, index: number, line: number, column: number): {line: number; column: number} {
	for (let i = 0; i < index && i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x0a) {
			line++;
			column = 1;
		} else if (c < 0xdc_00 || c > 0xdf_ff) {
			column++; // A low surrogate finishes a character already counted
		}
	}

	return {line, column};
}
