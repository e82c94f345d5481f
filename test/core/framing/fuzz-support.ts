// Helpers for the framing fuzz tests: a seeded random source, random JSON text, a driver that feeds
// bytes to a framer the way read-batches does and decodes the records the way check-batch does,
// and an oracle that turns JSON.parse's failures into line:column.
import {Buffer} from 'node:buffer';
import type {Batch} from '../../../source/core/engine/batch-types.js';
import {checkBatch} from '../../../source/core/engine/check-batch.js';
import {ruleContext} from '../../../source/core/rules/validate-record.js';
import {detectFormat} from '../../../source/core/framing/detect-format.js';
import {type Fatal, type Framer, type FramingNote, FrameBatch} from '../../../source/core/framing/frame-types.js';
import {JsonArrayFramer} from '../../../source/core/framing/json-array-framer.js';
import {NdjsonFramer} from '../../../source/core/framing/ndjson-framer.js';

// ---------------------------------------------------------------------------------------------
// Random source

export type Random = {
	/** In [0, 1). */
	next(): number;
	/** An integer in [0, n). */
	int(n: number): number;
	/** An integer in [min, max]. */
	between(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
};

/** mulberry32: small, fast, and good enough to drive a fuzzer. */
export function createRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};

	const int = (n: number) => Math.floor(next() * n);
	return {
		next,
		int,
		between: (min, max) => min + int(max - min + 1),
		chance: p => next() < p,
		pick: items => items[int(items.length)]!,
	};
}

/** The seed of the run: FUZZ_SEED if set (to replay a failure), else a fixed one. */
export const baseSeed = process.env.FUZZ_SEED === undefined ? 0x5eed_2024 : Number(process.env.FUZZ_SEED);

const scale = process.env.FUZZ_SCALE === undefined ? 1 : Number(process.env.FUZZ_SCALE);

/** How many cases each property runs; FUZZ_SCALE multiplies them (for long soak runs). */
export function cases(count: number): number {
	return Math.max(1, Math.round(count * scale));
}

/** Time allowed for one property (longer when FUZZ_SCALE asks for more cases). */
export const fuzzTimeout = 30_000 * Math.max(1, scale);

/**
 * The seeds of one property's cases: `count` seeds from baseSeed + offset, or only FUZZ_ONLY (the
 * seed a failure message printed) when that is set.
 */
export function seeds(offset: number, count: number): number[] {
	if (process.env.FUZZ_ONLY !== undefined) return [Number(process.env.FUZZ_ONLY)];
	return Array.from({length: cases(count)}, (_, n) => baseSeed + offset + n);
}

// ---------------------------------------------------------------------------------------------
// Random JSON text

const plainChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.@+#$%&*!?~^`|'";
const trickyChars = '[]{},:';
const twoByte = ['é', 'ß', 'ü', 'ñ', 'Ω', 'д', 'ש', 'ǅ'];
const threeByte = ['€', '日', '本', 'ー', '\u2028', '\u2029', '\uFEFF', '\uFFFD', '\u0800', '\uFFFF'];
const fourByte = ['😀', '𝄞', '🏳', '𠀋', '\u{10FFFF}', '\u{10000}'];
const simpleEscapes = ['\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t'];

function hex4(code: number): string {
	return code.toString(16).padStart(4, '0');
}

function unicodeEscape(random: Random, code: number): string {
	const text = `\\u${hex4(code)}`;
	return random.chance(0.5) ? text : text.toUpperCase().replace('\\U', '\\u');
}

export type Style = {
	/** Newline and indentation between container items. */
	pretty: boolean;
	indent: string;
	newline: string;
	/** Probability of extra random whitespace at each place whitespace is allowed. */
	noise: number;
	/** No line breaks at all (NDJSON). */
	flat: boolean;
};

export function randomStyle(random: Random): Style {
	return {
		pretty: random.chance(0.5),
		indent: random.pick(['  ', '    ', '\t', ' ']),
		newline: random.chance(0.25) ? '\r\n' : '\n',
		noise: random.pick([0, 0, 0.05, 0.3]),
		flat: false,
	};
}

function noise(random: Random, style: Style): string {
	if (!random.chance(style.noise)) return '';
	let text = '';
	const count = random.between(1, 3);
	for (let k = 0; k < count; k++)
		text += style.flat ? random.pick([' ', ' ', '\t', '\t\t', '\r']) : random.pick([' ', ' ', '\t', '\n', '\r\n', '  ']);
	return text;
}

export function randomString(random: Random): string {
	const length = random.pick([0, 1, 2, 5, 12, 30]);
	let text = '"';
	for (let k = 0; k < length; k++) {
		const kind = random.int(100);
		if (kind < 40) {
			text += random.pick([...plainChars]);
		} else if (kind < 50) {
			text += random.pick([...trickyChars]);
		} else if (kind < 62) {
			text += random.pick(simpleEscapes);
		} else if (kind < 67) {
			// Escapes of characters that matter to the framer: quote, backslash, brackets
			text += unicodeEscape(random, random.pick([0x22, 0x5c, 0x5b, 0x5d, 0x7b, 0x7d, 0x2c, 0x00, 0x1f, 0x0a]));
		} else if (kind < 72) {
			// Any BMP code unit, lone surrogates included (JSON.parse accepts them)
			text += unicodeEscape(random, random.int(0x1_00_00));
		} else if (kind < 74) {
			// An astral character as an escaped surrogate pair
			const code = 0x1_00_00 + random.int(0x10_00_00);
			text +=
				unicodeEscape(random, 0xd8_00 + ((code - 0x1_00_00) >> 10)) +
				unicodeEscape(random, 0xdc_00 + ((code - 0x1_00_00) & 0x3_ff));
		} else if (kind < 81) {
			text += random.pick(twoByte);
		} else if (kind < 88) {
			text += random.pick(threeByte);
		} else if (kind < 95) {
			text += random.pick(fourByte);
		} else if (kind < 97) {
			text += '\u007f';
		} else {
			text += random.pick(['\\\\\\"', '\\"\\\\', '\\\\\\\\', '\\\\']); // Runs of escapes
		}
	}

	return `${text}"`;
}

export function randomNumber(random: Random): string {
	let text = random.chance(0.3) ? '-' : '';
	text += random.chance(0.2) ? '0' : String(random.between(1, 9)) + String(random.int(10 ** random.int(8))).slice(0, random.int(25));
	if (random.chance(0.3)) text += `.${String(random.int(10 ** random.between(1, 6)))}`;
	if (random.chance(0.2)) text += random.pick(['e', 'E']) + random.pick(['', '+', '-']) + String(random.int(400));
	return text;
}

function randomScalar(random: Random): string {
	const kind = random.int(10);
	if (kind < 5) return randomString(random);
	if (kind < 8) return randomNumber(random);
	return random.pick(['true', 'false', 'null']);
}

/** A random JSON value; `depth` is the nesting of its container (for pretty printing). */
export function randomValue(random: Random, style: Style, depth: number, budget = 4): string {
	const kind = random.int(10);
	if (budget <= 0 || kind < 4) return randomScalar(random);
	const object = kind < 8;
	const count = random.pick([0, 1, 2, 3, 5]);
	const items: string[] = [];
	for (let k = 0; k < count; k++) {
		const value = randomValue(random, style, depth + 1, budget - 1);
		items.push(
			object ? `${randomString(random)}${noise(random, style)}:${style.pretty ? ' ' : ''}${noise(random, style)}${value}` : value,
		);
	}

	const [open, close] = object ? ['{', '}'] : ['[', ']'];
	if (items.length === 0) return `${open}${noise(random, style)}${close}`;
	const inner = style.pretty ? style.newline + style.indent.repeat(depth + 1) : '';
	const outer = style.pretty ? style.newline + style.indent.repeat(depth) : '';
	const separator = () => `${noise(random, style)},${inner}${noise(random, style)}`;
	let text = `${open}${inner}${noise(random, style)}`;
	for (let k = 0; k < items.length; k++) text += (k > 0 ? separator() : '') + items[k]!;
	return `${text}${noise(random, style)}${outer}${close}`;
}

/** A top-level array document, with the UTF-16 range of each element. */
export type Generated = {text: string; starts: number[]; ends: number[]; style: Style};

export function randomDocument(random: Random, options: {maxRecords?: number} = {}): Generated {
	const style = randomStyle(random);
	const count = random.pick([0, 1, 1, 2, 3, 5, 8, 13, options.maxRecords ?? 20]);
	const starts: number[] = [];
	const ends: number[] = [];
	let text = random.chance(0.2) ? random.pick([' ', '\n', '\r\n', '\t \n']) : '';
	text += '[';
	const inner = style.pretty ? style.newline + style.indent : '';
	for (let k = 0; k < count; k++) {
		text += k > 0 ? `${noise(random, style)},${inner}${noise(random, style)}` : `${inner}${noise(random, style)}`;
		starts.push(text.length);
		text += randomValue(random, style, 1);
		ends.push(text.length);
	}

	text += `${noise(random, style)}${count > 0 && style.pretty ? style.newline : ''}]`;
	if (random.chance(0.5)) text += random.pick(['\n', '\r\n', ' ', '\n\n']);
	return {text, starts, ends, style};
}

// ---------------------------------------------------------------------------------------------
// Positions, computed from the text alone

export type Position = {line: number; column: number};

/** Line and column of every UTF-16 index of `text` (and of its end); columns count code points. */
export function positionTable(text: string): {lines: Int32Array; columns: Int32Array} {
	const lines = new Int32Array(text.length + 1);
	const columns = new Int32Array(text.length + 1);
	let line = 1;
	let column = 1;
	for (let i = 0; i <= text.length; i++) {
		lines[i] = line;
		columns[i] = column;
		const code = text.codePointAt(i);
		if (code === undefined) break;
		if (code > 0xff_ff) {
			// The low surrogate is inside the same character
			lines[i + 1] = line;
			columns[i + 1] = column;
			i++;
		}

		if (code === 0x0a) {
			line++;
			column = 1;
		} else {
			column++;
		}
	}

	return {lines, columns};
}

export function positionAt(text: string, index: number): Position {
	const table = positionTable(text.slice(0, index));
	return {line: table.lines[index]!, column: table.columns[index]!};
}

export function show(position: Position | undefined): string {
	return position ? `${position.line}:${position.column}` : 'none';
}

// ---------------------------------------------------------------------------------------------
// The framing pipeline, as read-batches and check-batch run it

export type FramedRecord = {index: number; start: number; end: number; line: number; column: number; flags: number; colons: number};

export type Problem = Position & {source: string; message: string};

export type PipelineResult = {
	format: 'json-array' | 'ndjson' | undefined;
	records: FramedRecord[];
	notes: FramingNote[];
	/** From detect-format or the framer. */
	fatal: Fatal | undefined;
	/** Where something other than white space follows the array (Hanko ignores it: a warning, not a fault). */
	trailing?: {line: number; column: number};
	batches: Batch[];
};

/**
 * Feeds `bytes` in pieces of `pieceSize()` bytes through detect-format and a framer, with the carry
 * handling of read-batches (an uncompressed file: each piece is scanned as it arrives). Where
 * read-batches copies the carry and the new piece into a new buffer, this passes a view of the same
 * bytes (same content, offsets and `from`), so that 1-byte pieces do not cost quadratic copying.
 */
export function frame(bytes: Uint8Array, pieceSize: () => number): PipelineResult {
	const result: PipelineResult = {format: undefined, records: [], notes: [], fatal: undefined, batches: []};
	let framer: Framer | undefined;
	let carryLength = 0; // The carry is always the last carryLength bytes that arrived
	let carryBase = 0;
	let waitingLength = 0; // Bytes gathered before the format is known
	let position = 0;
	let skip = 0; // The byte order mark, not given to the framer
	let seq = 0;
	const batch = new FrameBatch(4); // read-batches takes a new one for every piece; reused here, emptied before each scan

	const send = (buf: Uint8Array, base: number) => {
		const notes = framer!.notes.splice(0);
		result.notes.push(...notes);
		const {count} = batch;
		const firstRecord = framer!.recordCount - count;
		for (let r = 0; r < count; r++) {
			result.records.push({
				index: firstRecord + r,
				start: base + batch.starts[r]!,
				end: base + batch.ends[r]!,
				line: batch.lines[r]!,
				column: batch.columns[r]!,
				flags: batch.flags[r]!,
				colons: batch.colons[r]!,
			});
		}

		if (count === 0 && notes.length === 0) return;
		result.batches.push({
			seq: seq++,
			firstRecord,
			base,
			buf,
			count,
			notes,
			joinable: framer instanceof JsonArrayFramer,
			starts: batch.starts.slice(0, count),
			ends: batch.ends.slice(0, count),
			lines: batch.lines.slice(0, count),
			columns: batch.columns.slice(0, count),
			flags: batch.flags.slice(0, count),
			colons: batch.colons.slice(0, count),
		});
	};

	/** Scans the chunk that ends at `position` (it is `chunkLength` bytes long), after the carry. */
	const scan = (chunkLength: number) => {
		const base = carryLength > 0 ? carryBase : position - chunkLength;
		const buf = bytes.subarray(base, position);
		batch.count = 0;
		const open = framer!.scan(buf, carryLength + skip, base, batch);
		skip = 0;
		if (open >= 0) {
			carryLength = buf.length - open;
			carryBase = base + open;
		} else {
			carryLength = 0;
			carryBase = base + buf.length;
		}

		send(buf, base);
	};

	while (position < bytes.length) {
		const size = Math.min(bytes.length - position, Math.max(1, pieceSize()));
		position += size;
		waitingLength += size;
		if (!framer) {
			const detected = detectFormat(bytes.subarray(position - waitingLength, position), false);
			if (!detected) continue;
			if ('fatal' in detected) {
				result.fatal = detected.fatal;
				return result;
			}

			result.format = detected.format;
			framer = detected.format === 'json-array' ? new JsonArrayFramer(detected.bomLength) : new NdjsonFramer(detected.bomLength);
			skip = detected.bomLength;
		}

		const chunkLength = waitingLength;
		waitingLength = 0;
		scan(chunkLength);
		if (framer.fatal) {
			result.fatal = framer.fatal;
			return result;
		}
	}

	if (!framer) {
		const detected = detectFormat(bytes.subarray(position - waitingLength, position), true);
		result.fatal = detected && 'fatal' in detected ? detected.fatal : {offset: 0, line: 1, column: 1, message: 'the file is empty'};
		return result;
	}

	batch.count = 0;
	const carry = bytes.subarray(carryBase, carryBase + carryLength);
	framer.finish(carry, carryBase, batch);
	send(carry, carryBase);
	result.fatal = framer.fatal;
	if (framer instanceof JsonArrayFramer) result.trailing = framer.trailing;
	return result;
}

/**
 * Every problem the pipeline reports about the text (syntax, bytes that are not UTF-8, framing, text
 * after the array), in no order.
 */
export function pipelineProblems(result: PipelineResult): Problem[] {
	const problems: Problem[] = [];
	if (result.fatal)
		problems.push({line: result.fatal.line, column: result.fatal.column, source: 'framer fatal', message: result.fatal.message});
	if (result.trailing) problems.push({...result.trailing, source: 'framer trailing', message: 'text after the array'});
	for (const note of result.notes) problems.push({line: note.line, column: note.column, source: 'framer note', message: note.message});
	for (const batch of result.batches) {
		const checked = checkBatch(batch, ruleContext(Date.parse('2025-01-01T00:00:00Z')));
		for (const problem of checked.problems) {
			if (problem.code === 'json.syntax' || problem.code === 'text.invalid-utf8')
				problems.push({line: problem.line, column: problem.column, source: `record ${problem.code}`, message: problem.message});
		}

		if (checked.fatal)
			problems.push({line: checked.fatal.line, column: checked.fatal.column, source: 'check fatal', message: checked.fatal.message});
	}

	return problems;
}

export function firstProblem(problems: readonly Problem[]): Problem | undefined {
	let first: Problem | undefined;
	for (const problem of problems) {
		if (!first || problem.line < first.line || (problem.line === first.line && problem.column < first.column)) first = problem;
	}

	return first;
}

/** A piece-size strategy: single bytes, small or large random pieces, or everything at once. */
export function pieceSizes(random: Random, length: number): {name: string; next: () => number} {
	switch (random.pick([0, 1, 2, 2, 3, 3])) {
		case 0: {
			return {name: '1-byte pieces', next: () => 1};
		}

		case 1: {
			return {name: 'pieces of 1-7 bytes', next: () => random.between(1, 7)};
		}

		case 2: {
			return {name: 'pieces of 1-300 bytes', next: () => random.between(1, 300)};
		}

		default: {
			return {name: 'one piece', next: () => Math.max(1, length)};
		}
	}
}

export function utf8(text: string): Uint8Array {
	return new Uint8Array(Buffer.from(text, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// JSON.parse as the oracle

/**
 * The UTF-16 index at which JSON.parse refuses `text`, or undefined if it accepts it. V8 names the
 * position ("at position N"), or means the end of the text ("Unexpected end of JSON input"), or
 * quotes the text instead ("Unexpected token 'x', ..."): then the position is the shortest prefix
 * that already fails before its own end (V8 reads left to right, so a prefix fails at the same place).
 */
export function jsonParseFailure(text: string): {index: number; message: string} | undefined {
	const failure = (input: string): {index: number | undefined; message: string} | undefined => {
		try {
			JSON.parse(input);
			return undefined;
		} catch (error) {
			const {message} = error as SyntaxError;
			const at = /at position (\d+)/.exec(message);
			if (at) return {index: Number(at[1]), message};
			if (message.startsWith('Unexpected end of JSON input')) return {index: input.length, message};
			return {index: undefined, message};
		}
	};

	const whole = failure(text);
	if (!whole) return undefined;
	if (whole.index !== undefined) return {index: whole.index, message: whole.message};
	// Smallest k whose prefix fails before its end: the fault is its last character
	const failsInside = (k: number) => {
		const result = failure(text.slice(0, k));
		return result !== undefined && (result.index === undefined || result.index < k);
	};

	let low = 1;
	let high = text.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (failsInside(middle)) high = middle;
		else low = middle + 1;
	}

	return {index: low - 1, message: whole.message};
}

const literals = ['true', 'false', 'null'];

/** The innermost bracket still open before `index` (the text before it is valid so far). */
function innermostOpen(text: string, index: number): string | undefined {
	const open: string[] = [];
	let inString = false;
	for (let i = 0; i < index; i++) {
		const c = text[i]!;
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') {
			inString = true;
		} else if (c === '[' || c === '{') {
			open.push(c);
		} else if (c === ']' || c === '}') {
			open.pop();
		}
	}

	return open.at(-1);
}

/**
 * Where our pipeline is meant to report a fault that V8 reports at `index`. Two documented
 * differences (see locate-syntax-error.ts), both pointing closer to what must be edited:
 * - a trailing comma (a ',' then the bracket that closes the open object or array): V8 points at
 *   the bracket, we point at the ','. (A ',' then the wrong bracket is a bracket fault: both point
 *   at the bracket.)
 * - a misspelt literal or unquoted word starting with t, f or n: V8 points at the first letter
 *   that differs from the literal, we point at the word's first letter.
 */
export function expectedFaultIndex(text: string, index: number, message: string): number {
	const c = text[index];
	if ((c === '}' && innermostOpen(text, index) === '{') || (c === ']' && innermostOpen(text, index) === '[')) {
		let before = index - 1;
		while (before >= 0 && ' \t\r\n'.includes(text[before]!)) before--;
		if (text[before] === ',') return before;
	}

	// V8 is inside a literal only for these messages (inside strings it says other things)
	if (/^Unexpected (token|end|number|string)/.test(message)) {
		for (let k = 1; k <= 4; k++) {
			const start = index - k;
			if (start < 0) break;
			const word = text.slice(start, index);
			if (literals.some(literal => literal.length > k && literal.startsWith(word))) return start;
		}
	}

	return index;
}

// ---------------------------------------------------------------------------------------------
// Mutations

/** Where things are in a (possibly broken) text, read with string and escape rules only. */
export type Landmarks = {
	/** Indexes of structural characters outside strings, with the nesting depth before them. */
	structure: Array<{index: number; char: string; depth: number}>;
	/** Indexes inside strings where a character may be inserted without splitting an escape or a pair. */
	inString: number[];
	/** Indexes of closing quotes. */
	closingQuotes: number[];
	/** Indexes of backslashes that start an escape. */
	escapes: number[];
	/** Start indexes of literals and numbers outside strings. */
	words: number[];
};

export function landmarks(text: string): Landmarks {
	const found: Landmarks = {structure: [], inString: [], closingQuotes: [], escapes: [], words: []};
	let inString = false;
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (inString) {
			if (c === '\\') {
				found.escapes.push(i);
				i += text[i + 1] === 'u' ? 5 : 1;
			} else if (c === '"') {
				found.closingQuotes.push(i);
				inString = false;
				continue;
			} else if (c >= '\uD800' && c <= '\uDBFF') {
				i++;
			}

			if (i + 1 < text.length) found.inString.push(i + 1);
			continue;
		}

		if (c === '"') {
			inString = true;
			found.inString.push(i + 1);
		} else if ('[]{},:'.includes(c)) {
			found.structure.push({index: i, char: c, depth});
			if (c === '[' || c === '{') depth++;
			if (c === ']' || c === '}') depth--;
		} else if (/[-\dtfn]/.test(c) && !/[-\w.+]/.test(text[i - 1] ?? ' ')) {
			found.words.push(i);
		}
	}

	return found;
}

const insertable = [
	'"',
	'\\',
	',',
	',',
	':',
	'[',
	']',
	'{',
	'}',
	' ',
	'\n',
	'\r',
	'\t',
	'a',
	't',
	'n',
	'f',
	'x',
	'0',
	'1',
	'-',
	'.',
	'e',
	'+',
	'\u0001',
	'\u001f',
	'\u0000',
	'é',
	'€',
	'😀',
	'\u00a0',
	'\f',
	'/',
	'*',
	"'",
	'\u2028',
	'\uFEFF',
];

/** Moves an index off the middle of a surrogate pair. */
function boundary(text: string, index: number): number {
	const c = text.charCodeAt(index);
	return c >= 0xdc_00 && c <= 0xdf_ff && index > 0 ? index - 1 : index;
}

function characterLength(text: string, index: number): number {
	const c = text.codePointAt(index);
	return c !== undefined && c > 0xff_ff ? 2 : 1;
}

/**
 * One random damage to the text after index `keep` (the opening '[' stays). Works on whole
 * characters, so the result is still valid UTF-8 (invalid UTF-8 is tested on its own).
 */
export function mutate(random: Random, text: string, keep: number): {text: string; what: string} {
	const marks = landmarks(text);
	const after = <T extends {index: number} | number>(items: T[]) =>
		items.filter(item => (typeof item === 'number' ? item : item.index) > keep);
	const anywhere = () => boundary(text, random.between(keep + 1, text.length));
	const splice = (index: number, remove: number, insert: string, what: string) => ({
		text: text.slice(0, index) + insert + text.slice(index + remove),
		what: `${what} at ${index}`,
	});
	const structure = after(marks.structure);

	switch (random.int(14)) {
		case 0: {
			const at = boundary(text, random.between(keep + 1, Math.max(keep + 1, text.length - 1)));
			return splice(at, characterLength(text, at), '', 'delete a character');
		}

		case 1: {
			return splice(anywhere(), 0, random.pick(insertable), 'insert a character');
		}

		case 2: {
			const at = boundary(text, random.between(keep + 1, Math.max(keep + 1, text.length - 1)));
			return splice(at, characterLength(text, at), random.pick(insertable), 'replace a character');
		}

		case 3: {
			const at = anywhere();
			return {text: text.slice(0, at), what: `truncate at ${at}`};
		}

		case 4: {
			// A trailing comma in an object or array: right after the last item, or just before the bracket
			const closers = structure.filter(item => item.char === '}' || item.char === ']');
			if (closers.length === 0) break;
			const {index} = random.pick(closers);
			let at = index;
			if (random.chance(0.5)) while (at > 0 && ' \t\r\n'.includes(text[at - 1]!)) at--;
			return splice(at, 0, ',', 'insert a trailing comma');
		}

		case 5: {
			const commas = structure.filter(item => item.char === ',');
			const between = commas.filter(item => item.depth === 1);
			const pool = between.length > 0 && random.chance(0.7) ? between : commas;
			if (pool.length === 0) break;
			return splice(random.pick(pool).index, 1, '', 'drop a comma');
		}

		case 6: {
			const brackets = structure.filter(item => '[]{}'.includes(item.char));
			if (brackets.length === 0) break;
			const {index, char} = random.pick(brackets);
			const swap: Record<string, string> = {'[': '{', '{': '[', ']': '}', '}': ']'};
			return random.chance(0.5) ? splice(index, 1, '', 'delete a bracket') : splice(index, 1, swap[char]!, 'swap a bracket');
		}

		case 7: {
			return splice(anywhere(), 0, random.pick(['}', ']', '{', '[', '[{', '}]']), 'insert brackets');
		}

		case 8: {
			// A raw control character or line break in a string
			const inside = after(marks.inString);
			if (inside.length === 0) break;
			return splice(random.pick(inside), 0, random.pick(['\n', '\r\n', '\t', '\u0000', '\u001f']), 'control character in a string');
		}

		case 9: {
			const quotes = after(marks.closingQuotes);
			if (quotes.length === 0) break;
			return splice(random.pick(quotes), 1, '', 'unterminate a string');
		}

		case 10: {
			const escapes = after(marks.escapes);
			if (escapes.length === 0) break;
			const at = random.pick(escapes);
			return random.chance(0.5)
				? splice(at + 1, 1, random.pick(['x', 'U', '0', 'a', ' ', "'"]), 'bad escape')
				: splice(at + 2, 0, random.pick(['"', 'g', '', '}']), 'damage an escape');
		}

		case 11: {
			// Damage a literal or a number
			const words = after(marks.words);
			if (words.length === 0) break;
			const at = random.pick(words);
			return random.chance(0.5)
				? splice(at, 0, random.pick(['-', '0', '.', 'e', '+', 'tr', 'n', 'x', 'T']), 'damage a word')
				: splice(at + 1, 0, random.pick(['.', 'e', 'E+', '-', '0', 'x', '.e', ' ', 'u', 'l']), 'damage a word inside');
		}

		case 12: {
			const words = after(marks.words);
			if (words.length === 0) break;
			const at = random.pick(words);
			const end = at + (/^[-\w.+]+/.exec(text.slice(at))?.[0].length ?? 1);
			return splice(
				at,
				end - at,
				random.pick([
					'tru',
					'ture',
					'True',
					'nul',
					'nulll',
					'fals',
					'nothing',
					'NaN',
					'Infinity',
					'-',
					'1.',
					'.5',
					'01',
					'1e',
					'-0.e1',
					'0x10',
					'+1',
					'1_000',
				]),
				'replace a word',
			);
		}

		default: {
			// An extra colon, or one missing
			const colons = structure.filter(item => item.char === ':');
			if (colons.length > 0 && random.chance(0.5))
				return splice(random.pick(colons).index, 1, random.pick(['', ',', ' ']), 'damage a colon');
			return splice(anywhere(), 0, ':', 'insert a colon');
		}
	}

	return splice(anywhere(), 0, random.pick(insertable), 'insert a character');
}
