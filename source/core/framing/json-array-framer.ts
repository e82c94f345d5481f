import {type Fatal, type Framer, type FramingNote, FrameBatch, recordHasHighBytes} from './frame-types.js';
import {resized} from '../typed-arrays.js';
import {locateSyntaxError} from './locate-syntax-error.js';
import {topLevelObjectMessage} from './detect-format.js';
import {advanceTextPosition, firstInvalidUtf8} from './text-position.js';

// Finds where each element of a top-level JSON array starts and ends without parsing it: only
// strings and bracket nesting matter for that, so one pass over the bytes is enough and each record
// can then be handed to JSON.parse on its own (measured: far faster than a streaming tokenizer).
// Faults inside a record are left to JSON.parse; faults that lose the record boundaries are fatal.
// A record that never reaches JSON.parse (its brackets stop balancing, or the file ends inside it)
// is searched for an earlier fault once, so that the fatal error names the same place JSON.parse
// would: a quote left open mid-file otherwise shows up only where the quotes run out.

const enum Phase {
	BeforeArray,
	ExpectFirst, // after '[': a value or ']'
	ExpectValue, // after ',': a value
	InContainer, // inside an object or array record
	InScalar, // inside a record that is not a container (a number, a string, garbage)
	AfterValue, // expect ',' or ']'
	AfterArray,
	Ignored, // after the array, past something that is not white space: Hanko never reads it
	WrapperRest, // after the array and a ',': the wrapper's other members, skipped up to its '}'
}

const quote = 0x22;
const backslash = 0x5c;
const newline = 0x0a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const comma = 0x2c;
const colon = 0x3a;

/** Bytes that end the fast skip inside a string: quote, backslash, line break, non-ASCII. */
const stopsString = new Uint8Array(256);
stopsString[quote] = 1;
stopsString[backslash] = 1;
stopsString[newline] = 1;
stopsString.fill(1, 0x80);

/** Blanks other than the line break. */
const isBlank = new Uint8Array(256);
isBlank[0x20] = 1;
isBlank[0x09] = 1;
isBlank[0x0d] = 1;

/**
 * Non-zero if one of the 4 bytes of `x` ends the fast skip inside a string (see stopsString): bytes
 * equal to a quote, backslash or line break become zero after the XOR, which the borrow finds.
 */
function stopsInWord(x: number): number {
	const q = x ^ 0x22_22_22_22;
	const b = x ^ 0x5c_5c_5c_5c;
	const n = x ^ 0x0a_0a_0a_0a;
	return (((q - 0x01_01_01_01) & ~q) | ((b - 0x01_01_01_01) & ~b) | ((n - 0x01_01_01_01) & ~n) | x) & 0x80_80_80_80;
}

const noWords = new Int32Array(0);

// What a byte inside a record, outside strings, does; 0: nothing (blanks, commas, numbers, literals)
const opensString = 1;
const breaksLine = 2;
const opensNested = 3;
const closesNested = 4;
const countsMember = 5;
const isHigh = 6;
const inContainer = new Uint8Array(256);
inContainer[quote] = opensString;
inContainer[newline] = breaksLine;
inContainer[openBrace] = opensNested;
inContainer[openBracket] = opensNested;
inContainer[closeBrace] = closesNested;
inContainer[closeBracket] = closesNested;
inContainer[colon] = countsMember;
inContainer.fill(isHigh, 0x80);

function printable(c: number): string {
	return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/** How much of a record that never ends is searched for an earlier fault (it is decoded to a string). */
const searchLimit = 64 << 20;

const utf8 = new TextDecoder('utf-8', {ignoreBOM: true}); // Keeps a U+FEFF that starts the record

/**
 * The first fault in the bytes [from, to) of a record that will never reach JSON.parse (it does not
 * end, or its brackets do not balance): a syntax fault strictly before `to`, or invalid UTF-8. The
 * record starts at (line, column); `base` is the absolute offset of buf[0]. Runs once, on failure.
 */
function faultInOpenRecord(buf: Uint8Array, from: number, to: number, base: number, line: number, column: number): Fatal | undefined {
	let stop = Math.min(to, from + searchLimit);
	// Keep whole characters: back up to a byte that is not a continuation byte
	while (stop > from && stop < to && (buf[stop]! & 0xc0) === 0x80) stop--;
	const bad = firstInvalidUtf8(buf, from, stop);
	const text = utf8.decode(buf.subarray(from, bad));
	// Where the text is cut short, the last token may look wrong only because it is cut: ignore its end
	const trusted = bad === stop && stop < to ? text.length - 16 : text.length;
	const fault = locateSyntaxError(text);
	if (fault && fault.index < trusted) {
		const at = advanceTextPosition(text, fault.index, line, column);
		const offset = from + utf8Length(text, fault.index);
		return {offset: base + offset, line: at.line, column: at.column, message: fault.message};
	}

	if (bad < stop) {
		const at = advanceTextPosition(text, text.length, line, column);
		return {
			offset: base + bad,
			line: at.line,
			column: at.column,
			message: 'invalid UTF-8: the file is not UTF-8 encoded (re-encode it)',
		};
	}

	return undefined;
}

/** Bytes that the first `index` UTF-16 code units of `text` take in UTF-8. */
function utf8Length(text: string, index: number): number {
	let bytes = 0;
	for (let i = 0; i < index; i++) {
		const c = text.charCodeAt(i);
		bytes += c < 0x80 ? 1 : c < 0x8_00 ? 2 : c >= 0xd8_00 && c <= 0xdb_ff ? 4 : c >= 0xdc_00 && c <= 0xdf_ff ? 0 : 3;
	}

	return bytes;
}

export class JsonArrayFramer implements Framer {
	recordCount = 0;
	fatal: Fatal | undefined;
	/** Where something other than white space follows the array (Hanko stops at the ']' and ignores it). */
	trailing: {offset: number; line: number; column: number} | undefined;
	readonly notes: FramingNote[] = [];

	private phase = Phase.BeforeArray;
	private inString = false;
	private escaped = false;
	private stack = new Uint8Array(64); // open brackets of the current record; stack[0] is the outer '['
	private depth = 0;
	private line = 1;
	private lineStart = 0; // absolute offset of the current line's first byte
	private continuation = 0; // UTF-8 continuation bytes seen on the current line (columns count characters)
	private recordStart = -1;
	private recordLine = 0;
	private recordColumn = 0;
	private recordFlags = 0;
	private recordColons = 0;
	private commaLine = 0;
	private commaColumn = 0;

	/** '}' still allowed after the array: Firebase wraps its users in `{"users": [...]}`. */
	private closers = 0;
	/** Brackets open inside the wrapper's members after the array. */
	private restDepth = 0;
	/** The array is inside an object: what follows it is that object's, and must close it. */
	private readonly wrapped: boolean;

	/**
	 * Bytes before `offset` (a byte order mark, a wrapper's opening) are not part of the first line's
	 * columns; `line` is the line the scan starts on, and `closers` the braces that may follow the array.
	 */
	/** The scan begins on `line`, whose first byte is at `lineStart`: leading whitespace was skipped before it. */
	startAt(line: number, lineStart: number): this {
		this.line = line;
		this.lineStart = lineStart;
		return this;
	}

	constructor(offset = 0, wrapper?: {line: number; closers: number}) {
		this.lineStart = offset;
		this.wrapped = wrapper !== undefined;
		if (wrapper) {
			this.line = wrapper.line;
			this.closers = wrapper.closers;
		}
	}

	get lineNumber(): number {
		return this.line;
	}

	scan(buf: Uint8Array, from: number, base: number, out: FrameBatch): number {
		if (this.fatal) return -1;
		// Hot loops: state lives in locals (no closures over them, which would put them on the heap).
		let {phase, inString, escaped, depth, line, lineStart, continuation, stack, recordColons: colons, recordFlags: flags} = this;
		const end = buf.length;
		// String bodies are skipped 4 bytes at a time where the buffer is aligned (measured: the whole
		// scan a third faster on pretty-printed users); `aligned` is the first index on a 4-byte boundary.
		// Byte order does not matter: a word is only asked whether any of its bytes stops the skip
		const aligned = (4 - (buf.byteOffset & 3)) & 3;
		const words = end - aligned >= 4 ? new Int32Array(buf.buffer, buf.byteOffset + aligned, (end - aligned) >> 2) : noWords;
		const wordCount = words.length;
		let i = from;
		let failure = '';

		while (i < end) {
			if (inString) {
				if (escaped) {
					escaped = false;
					const c = buf[i++]!;
					if (c === newline) {
						line++;
						lineStart = base + i;
						continuation = 0;
					} else if (c >= 0x80) {
						flags |= recordHasHighBytes;
						if (c < 0xc0) continuation++;
					}
				}

				let closed = false;
				while (i < end) {
					let c = buf[i]!;
					if (stopsString[c] === 0) {
						// Most string bytes need no attention: skip them in a tight loop
						do i++;
						while (i < end && stopsString[buf[i]!] === 0);
						if (i === end) break;
						c = buf[i]!;
					}

					i++;
					if (c === quote) {
						closed = true;
						break;
					}

					if (c === backslash) {
						if (i === end) {
							escaped = true;
							break;
						}

						c = buf[i++]!;
					}

					if (c === newline) {
						line++;
						lineStart = base + i;
						continuation = 0;
					} else if (c >= 0x80) {
						flags |= recordHasHighBytes;
						if (c < 0xc0) continuation++;
					}
				}

				if (!closed) break;
				inString = false;
				// A member's name: its colon mostly follows at once
				if (i < end && buf[i] === colon && phase === Phase.InContainer) {
					colons++;
					i++;
				}

				continue;
			}

			if (phase === Phase.InContainer) {
				// Inside a record: only quotes, brackets, colons, line breaks and escapes matter. Strings are
				// skipped here too, as leaving this loop for every string would cost more than the skip
				record: while (i < end) {
					let c = buf[i]!;
					let does = inContainer[c]!;
					while (does === 0) {
						if (++i === end) break record;
						c = buf[i]!;
						does = inContainer[c]!;
					}

					i++;
					if (does === opensString) {
						string: for (;;) {
							for (;;) {
								if (i + 8 < end) {
									while (((i - aligned) & 3) !== 0 && stopsString[buf[i]!] === 0) i++;
									if (((i - aligned) & 3) === 0) {
										let w = (i - aligned) >> 2;
										while (w < wordCount && stopsInWord(words[w]!) === 0) w++;
										i = aligned + (w << 2);
									}
								}

								while (i < end && stopsString[buf[i]!] === 0) i++;
								if (i === end) {
									inString = true;
									break record;
								}

								c = buf[i++]!;
								if (c === quote) break;
								if (c === backslash) {
									if (i === end) {
										inString = true;
										escaped = true;
										break record;
									}

									c = buf[i++]!;
								}

								if (c === newline) {
									line++;
									lineStart = base + i;
									continuation = 0;
								} else if (c >= 0x80) {
									flags |= recordHasHighBytes;
									if (c < 0xc0) continuation++;
								}
							}

							// A member's name: its colon mostly follows at once, and then often a string value
							if (i < end && buf[i] === colon) {
								colons++;
								i++;
								if (i + 1 < end && buf[i] === 0x20 && buf[i + 1] === quote) {
									i += 2;
									continue string;
								}
							}

							break;
						}
					} else if (does === breaksLine) {
						line++;
						lineStart = base + i;
						continuation = 0;
						while (i < end && buf[i] === 0x20) i++; // Indentation
					} else if (does === countsMember) {
						colons++;
					} else if (does === opensNested) {
						if (depth === stack.length) {
							stack = resized(stack, stack.length * 2);
							this.stack = stack;
						}

						stack[depth++] = c;
					} else if (does === closesNested) {
						const open = stack[depth - 1]!;
						if ((c === closeBrace) !== (open === openBrace)) {
							i--;
							failure = `unbalanced brackets: ${printable(c)} does not close the ${printable(open)} before it`;
							break record;
						}

						depth--;
						if (depth === 1) {
							this.endRecord(base, i, out, flags, colons);
							phase = Phase.AfterValue;
							break record;
						}
					} else {
						// Outside strings only JSON.parse can say what is wrong
						flags |= recordHasHighBytes;
						if (c < 0xc0) continuation++;
					}
				}

				if (failure) break;
				continue;
			}

			const c = buf[i]!;
			if (c === 0x20 || c === newline || c === 0x0d || c === 0x09) {
				if (c !== newline && phase !== Phase.InScalar) {
					// Indentation: skip the run (line breaks are counted below, one at a time)
					do i++;
					while (i < end && isBlank[buf[i]!] === 1);
					continue;
				}

				if (phase === Phase.InScalar) {
					this.endRecord(base, i, out, flags, colons);
					phase = Phase.AfterValue;
				}

				i++;
				if (c === newline) {
					line++;
					lineStart = base + i;
					continuation = 0;
				}

				continue;
			}

			if (c >= 0x80) {
				// Outside strings only JSON.parse can say what is wrong; keep columns right meanwhile.
				flags |= recordHasHighBytes;
				if (phase === Phase.InScalar || phase === Phase.WrapperRest) {
					if (c < 0xc0) continuation++;
					i++;
					continue;
				}

				// Elsewhere a position may be taken at this byte: a continuation byte is counted once the
				// byte is handled (when it starts a record), not before.
			}

			switch (phase) {
				case Phase.InScalar: {
					if (c === quote) {
						inString = true;
					} else if (c === comma || c === closeBracket || c === openBrace || c === openBracket || c === closeBrace) {
						this.endRecord(base, i, out, flags, colons);
						phase = Phase.AfterValue;
						continue; // Handle the delimiter again, after the value
					}

					break;
				}

				case Phase.AfterValue: {
					if (c === comma) {
						phase = Phase.ExpectValue;
						this.commaLine = line;
						this.commaColumn = base + i - lineStart - continuation + 1;
					} else if (c === closeBracket) {
						depth = 0;
						phase = Phase.AfterArray;
					} else if (c === closeBrace) {
						failure = "unbalanced brackets: '}' with no '{' open";
					} else {
						this.notes.push({
							record: this.recordCount,
							line,
							column: base + i - lineStart - continuation + 1,
							message: "missing ',' between this record and the one before",
						});
						phase = Phase.ExpectValue;
						continue; // The byte starts the next record
					}

					break;
				}

				case Phase.ExpectFirst:
				case Phase.ExpectValue: {
					if (c === closeBracket) {
						if (phase === Phase.ExpectValue) {
							if (this.recordCount === 0) {
								failure = "unexpected ']' after ','";
								break;
							}

							this.notes.push({
								record: this.recordCount - 1,
								line: this.commaLine,
								column: this.commaColumn,
								message: "trailing ',' after the last record",
							});
						}

						depth = 0;
						phase = Phase.AfterArray;
					} else if (c === comma) {
						this.commaLine = line;
						this.commaColumn = base + i - lineStart - continuation + 1;
						this.notes.push({
							record: this.recordCount,
							line,
							column: this.commaColumn,
							message: "unexpected ',': an empty element",
						});
					} else if (c === closeBrace) {
						failure = "unbalanced brackets: '}' with no '{' open";
					} else {
						this.recordStart = base + i;
						this.recordLine = line;
						this.recordColumn = base + i - lineStart - continuation + 1;
						flags = c >= 0x80 ? recordHasHighBytes : 0;
						colons = 0;
						if (c === openBrace || c === openBracket) {
							stack[1] = c;
							depth = 2;
							phase = Phase.InContainer;
						} else {
							if (c === quote) inString = true;
							else if (c >= 0x80 && c < 0xc0) continuation++; // A stray continuation byte
							phase = Phase.InScalar;
						}
					}

					break;
				}

				case Phase.BeforeArray: {
					if (c === openBracket) {
						stack[0] = c;
						depth = 1;
						phase = Phase.ExpectFirst;
					} else if (c >= 0x80 && base + i < lineStart) {
						// A byte order mark: the constructor was told the first line starts after it
					} else {
						failure = c === openBrace ? topLevelObjectMessage : `not a JSON array: unexpected ${printable(c)}`;
					}

					break;
				}

				case Phase.Ignored: {
					break;
				}

				case Phase.WrapperRest: {
					// Firebase's other members ("kind", a page token) carry no users: only their end matters
					if (c === quote) {
						inString = true;
					} else if (c === openBrace || c === openBracket) {
						this.restDepth++;
					} else if (c === closeBrace || c === closeBracket) {
						if (this.restDepth > 0) {
							this.restDepth--;
						} else if (c === closeBrace) {
							this.closers--;
							phase = Phase.AfterArray;
						} else {
							failure = `unexpected ${printable(c)} after the end of the array`;
						}
					}

					break;
				}

				default: {
					if (c === closeBrace && this.closers > 0) {
						this.closers--;
					} else if (c === comma && this.closers > 0) {
						phase = Phase.WrapperRest;
					} else if (this.wrapped) {
						failure = `unexpected ${printable(c)} after the end of the array`;
					} else {
						this.trailing = {offset: base + i, line, column: base + i - lineStart - continuation + 1};
						phase = Phase.Ignored;
					}
				}
			}

			if (failure) break;
			i++;
		}

		this.phase = phase;
		this.inString = inString;
		this.escaped = escaped;
		this.depth = depth;
		this.line = line;
		this.lineStart = lineStart;
		this.recordColons = colons;
		this.recordFlags = flags;
		this.continuation = continuation;
		if (failure) {
			const at = {offset: base + i, line, column: base + i - lineStart - continuation + 1};
			// Inside a record, an earlier fault of the record is what JSON.parse would have reported
			const earlier =
				phase === Phase.InContainer
					? faultInOpenRecord(buf, this.recordStart - base, i, base, this.recordLine, this.recordColumn)
					: undefined;
			this.fatal = earlier
				? {
						...earlier,
						message: `${earlier.message}; then the brackets of record ${this.recordCount} (starts at ${this.recordLine}:${this.recordColumn}) do not balance at ${at.line}:${at.column}, so reading stopped`,
					}
				: {...at, message: failure};
			return -1;
		}

		return this.recordStart < 0 ? -1 : this.recordStart - base;
	}

	private endRecord(base: number, endExclusive: number, out: FrameBatch, flags: number, colons: number): void {
		out.push(this.recordStart - base, endExclusive, this.recordLine, this.recordColumn, flags, colons);
		this.recordCount++;
		this.recordStart = -1;
	}

	tooLong(buf: Uint8Array, base: number, limit: string): void {
		if (this.fatal || this.recordStart < 0) return;
		const where = `record ${this.recordCount} (starts at ${this.recordLine}:${this.recordColumn})`;
		const earlier = faultInOpenRecord(buf, this.recordStart - base, buf.length, base, this.recordLine, this.recordColumn);
		this.fatal = earlier
			? {...earlier, message: `${earlier.message}; ${where} runs on for more than ${limit}, so reading stopped`}
			: {
					offset: this.recordStart,
					line: this.recordLine,
					column: this.recordColumn,
					message: `${where} is longer than ${limit}: a quote or bracket is probably not closed`,
				};
	}

	finish(buf: Uint8Array, base: number, out: FrameBatch): void {
		if (this.fatal) return;
		const at = {
			offset: base + buf.length,
			line: this.line,
			column: base + buf.length - this.lineStart - this.continuation + 1,
		};
		if (this.phase === Phase.InScalar && !this.inString) {
			out.push(this.recordStart - base, buf.length, this.recordLine, this.recordColumn, this.recordFlags, this.recordColons);
			this.recordCount++;
			this.recordStart = -1;
			this.phase = Phase.AfterValue;
		}

		switch (this.phase) {
			case Phase.Ignored:
			case Phase.WrapperRest:
			case Phase.AfterArray: {
				if (this.closers > 0)
					this.fatal = {
						...at,
						message: "unexpected end of file: the object around the array is not closed with '}' (truncated file?)",
					};
				return;
			}

			case Phase.BeforeArray: {
				this.fatal = {...at, message: 'the file is empty'};
				return;
			}

			case Phase.InContainer:
			case Phase.InScalar: {
				// The record never reaches JSON.parse: report a fault in it before the end, if there is one
				const where = `record ${this.recordCount} (starts at ${this.recordLine}:${this.recordColumn})`;
				const earlier = faultInOpenRecord(buf, this.recordStart - base, buf.length, base, this.recordLine, this.recordColumn);
				this.fatal = earlier
					? {...earlier, message: `${earlier.message}; ${where} does not end before the end of the file`}
					: {...at, message: `unexpected end of file inside ${where}: the file is truncated or a bracket is missing`};
				return;
			}

			default: {
				this.fatal = {...at, message: "unexpected end of file: the array is not closed with ']' (truncated file?)"};
			}
		}
	}
}
