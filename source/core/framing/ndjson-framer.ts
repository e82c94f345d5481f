import {type Fatal, type Framer, type FramingNote, FrameBatch, recordHasHighBytes} from './frame-types.js';

// One record a line; blank lines are skipped. Newlines cannot occur inside JSON strings, so a native
// search for '\n' finds every boundary.

function isSpace(c: number): boolean {
	return c === 0x20 || c === 0x0d || c === 0x09;
}

export class NdjsonFramer implements Framer {
	recordCount = 0;
	fatal: Fatal | undefined;
	readonly notes: FramingNote[] = [];
	private line = 1;
	private lineStart = 0; // absolute offset of the current line

	/** Bytes before `offset` (a byte order mark) are not part of any line's columns. */
	constructor(offset = 0) {
		this.lineStart = offset;
	}

	/** The scan begins on `line`, whose first byte is at `lineStart`: leading whitespace was skipped before it. */
	startAt(line: number, lineStart: number): this {
		this.line = line;
		this.lineStart = lineStart;
		return this;
	}

	get lineNumber(): number {
		return this.line;
	}

	scan(buf: Uint8Array, from: number, base: number, out: FrameBatch): number {
		let start = this.lineStart - base;
		let newline = buf.indexOf(0x0a, from);
		while (newline >= 0) {
			this.emit(buf, start, newline, out);
			this.line++;
			start = newline + 1;
			this.lineStart = base + start;
			newline = buf.indexOf(0x0a, start);
		}

		return start < buf.length ? start : -1;
	}

	tooLong(_buf: Uint8Array, _base: number, limit: string): void {
		this.fatal ??= {
			offset: this.lineStart,
			line: this.line,
			column: 1,
			message: `line ${this.line} is longer than ${limit} without a line break: this is not one user a line`,
		};
	}

	finish(buf: Uint8Array, base: number, out: FrameBatch): void {
		const start = this.lineStart - base;
		if (start < buf.length) this.emit(buf, start, buf.length, out);
		if (this.recordCount === 0 && this.notes.length === 0) {
			this.fatal = {offset: base + buf.length, line: this.line, column: 1, message: 'the file is empty'};
		}
	}

	private emit(buf: Uint8Array, from: number, to: number, out: FrameBatch): void {
		let first = from;
		while (first < to && isSpace(buf[first]!)) first++;
		let last = to;
		while (last > first && isSpace(buf[last - 1]!)) last--;
		if (first === last) return;
		// Every line may hold non-ASCII text; the checker's UTF-8 test is cheap enough to always run
		out.push(first, last, this.line, first - from + 1, recordHasHighBytes);
		this.recordCount++;
	}
}
