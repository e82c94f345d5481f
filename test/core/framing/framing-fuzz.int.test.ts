// Differential fuzzing of the record framing against JSON.parse. Deterministic: every case has its
// own seed, printed on failure. Replay one case with FUZZ_ONLY=<seed>; explore other cases with
// FUZZ_SEED=<number> (the base of all seeds) and run longer with FUZZ_SCALE=<factor>.
import {Buffer} from 'node:buffer';
import {describe, expect, test} from 'vitest';
import {
	type PipelineResult,
	type Random,
	createRandom,
	expectedFaultIndex,
	firstProblem,
	frame,
	jsonParseFailure,
	landmarks,
	mutate,
	pieceSizes,
	fuzzTimeout,
	pipelineProblems,
	positionAt,
	randomDocument,
	randomStyle,
	randomValue,
	seeds,
	show,
	utf8,
} from './fuzz-support.js';

const bom = new Uint8Array([0xef, 0xbb, 0xbf]);

function withBom(random: Random, text: string): {bytes: Uint8Array; bomLength: number} {
	const body = utf8(text);
	if (!random.chance(0.15)) return {bytes: body, bomLength: 0};
	const bytes = new Uint8Array(bom.length + body.length);
	bytes.set(bom);
	bytes.set(body, bom.length);
	return {bytes, bomLength: bom.length};
}

function excerpt(text: string): string {
	return JSON.stringify(text.length > 600 ? `${text.slice(0, 600)}…` : text);
}

function decode(bytes: Uint8Array, from: number, to: number): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', from, to);
}

/**
 * The framing of a text that JSON.parse accepts must give exactly its elements: each record's
 * bytes parse to the element, only whitespace and one ',' lie between records, and each record's
 * line:column is where its first byte is in the text.
 */
function expectSameRecords(result: PipelineResult, text: string, bytes: Uint8Array, bomLength: number, context: string): void {
	const elements = JSON.parse(text) as unknown[];
	expect(result.fatal, context).toBeUndefined();
	expect(result.notes, context).toEqual([]);
	expect(result.format, context).toBe('json-array');
	expect(result.records.length, context).toBe(elements.length);
	let previousEnd = bomLength;
	for (const [k, record] of result.records.entries()) {
		const where = `${context}, record ${k}`;
		expect(record.index, where).toBe(k);
		expect(JSON.parse(decode(bytes, record.start, record.end)), where).toEqual(elements[k]);
		expect(decode(bytes, previousEnd, record.start), where).toMatch(k === 0 ? /^[ \t\r\n]*\[[ \t\r\n]*$/ : /^[ \t\r\n]*,[ \t\r\n]*$/);
		const start = decode(bytes, bomLength, record.start).length;
		expect(show(record), where).toBe(show(positionAt(text, start)));
		previousEnd = record.end;
	}

	expect(decode(bytes, previousEnd, bytes.length), context).toMatch(
		elements.length === 0 ? /^[ \t\r\n]*\[[ \t\r\n]*\][ \t\r\n]*$/ : /^[ \t\r\n]*\][ \t\r\n]*$/,
	);
	const problems = pipelineProblems(result);
	expect(problems, context).toEqual([]);
}

/** The first problem the pipeline reports must be where JSON.parse fails (bar the documented exceptions). */
function expectSameFirstFault(result: PipelineResult, text: string, context: string): void {
	const failure = jsonParseFailure(text)!;
	const index = expectedFaultIndex(text, failure.index, failure.message);
	const expected = positionAt(text, index);
	const problems = pipelineProblems(result);
	const first = firstProblem(problems);
	const summary = problems.map(problem => `${show(problem)} ${problem.source}: ${problem.message}`).join('\n  ');
	expect(
		show(first),
		`${context}\nJSON.parse: ${failure.message} (index ${failure.index}, expected at ${show(expected)})\nwe report:\n  ${summary}`,
	).toBe(show(expected));
}

/** Colons outside strings, escapes honoured: one per object member, repeated keys included. */
function colonsOutsideStrings(text: string): number {
	let count = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		if (inString && text[i] === '\\') i++;
		else if (text[i] === '"') inString = !inString;
		else if (!inString && text[i] === ':') count++;
	}

	return count;
}

describe('JSON array framing, differential against JSON.parse', () => {
	test(
		'valid documents: same records, at their real positions, in any piece sizes',
		() => {
			for (const seed of seeds(0, 500)) {
				const random = createRandom(seed);
				const document = randomDocument(random);
				const {bytes, bomLength} = withBom(random, document.text);
				const pieces = pieceSizes(random, bytes.length);
				const result = frame(bytes, pieces.next);
				const context = `seed ${seed} (${pieces.name}, bom ${bomLength > 0}): ${excerpt(document.text)}`;
				expectSameRecords(result, document.text, bytes, bomLength, context);
				// The generator knows where each element is: the framer must say exactly that
				for (const [k, record] of result.records.entries()) {
					const start = bomLength + Buffer.byteLength(document.text.slice(0, document.starts[k]));
					const end = bomLength + Buffer.byteLength(document.text.slice(0, document.ends[k]));
					expect([record.start, record.end], `${context}, record ${k}`).toEqual([start, end]);
					expect(record.flags !== 0, `${context}, record ${k} high-bytes flag`).toBe(
						/[^\u0000-\u007f]/.test(document.text.slice(document.starts[k], document.ends[k])),
					);
					// One colon outside strings per object member: how the checker tells repeated keys
					expect(record.colons, `${context}, record ${k} colons`).toBe(
						colonsOutsideStrings(document.text.slice(document.starts[k], document.ends[k])),
					);
				}
			}
		},
		fuzzTimeout,
	);

	test(
		'the same document framed in different piece sizes gives the same frames',
		() => {
			for (const seed of seeds(10_000, 100)) {
				const random = createRandom(seed);
				const {text} = randomDocument(random);
				const bytes = utf8(text);
				const whole = frame(bytes, () => bytes.length);
				for (const size of [1, 2, 3, 5]) {
					expect(frame(bytes, () => size).records, `seed ${seed}, pieces of ${size}`).toEqual(whole.records);
				}
			}
		},
		fuzzTimeout,
	);

	test(
		'damaged documents: the first problem reported is where JSON.parse fails',
		() => {
			for (const seed of seeds(20_000, 3000)) {
				const random = createRandom(seed);
				const original = randomDocument(random, {maxRecords: 6});
				let {text} = original;
				const keep = text.indexOf('[');
				const steps: string[] = [];
				for (let k = random.pick([1, 1, 1, 2, 3]); k > 0; k--) {
					const mutation = mutate(random, text, keep);
					text = mutation.text;
					steps.push(mutation.what);
				}

				const {bytes, bomLength} = withBom(random, text);
				const pieces = pieceSizes(random, bytes.length);
				const result = frame(bytes, pieces.next);
				const context = `seed ${seed} (${pieces.name}, bom ${bomLength > 0}, ${steps.join(', ')}): ${excerpt(text)}`;
				if (jsonParseFailure(text) === undefined) expectSameRecords(result, text, bytes, bomLength, context);
				else expectSameFirstFault(result, text, context);
			}
		},
		fuzzTimeout,
	);

	test(
		'bytes that are not UTF-8 inside a string are reported at their position (a warning: Go stores U+FFFD)',
		() => {
			const sequences = [
				[0x80],
				[0xbf],
				[0xe2, 0x82],
				[0xc3],
				[0xff],
				[0xc0, 0xaf],
				[0xed, 0xa0, 0x80],
				[0xf4, 0x90, 0x80, 0x80],
				[0xf0, 0x9f, 0x98],
			];
			let tested = 0;
			for (const seed of seeds(40_000, 400)) {
				const random = createRandom(seed);
				const {text} = randomDocument(random);
				const inside = landmarks(text).inString;
				if (inside.length === 0) continue;
				const index = random.pick(inside);
				const sequence = random.pick(sequences);
				const {bytes: clean, bomLength} = withBom(random, text);
				const at = bomLength + Buffer.byteLength(text.slice(0, index));
				const bytes = new Uint8Array(clean.length + sequence.length);
				bytes.set(clean.subarray(0, at));
				bytes.set(sequence, at);
				bytes.set(clean.subarray(at), at + sequence.length);
				const pieces = pieceSizes(random, bytes.length);
				const result = frame(bytes, pieces.next);
				const problems = pipelineProblems(result);
				const first = firstProblem(problems);
				const context = `seed ${seed} (${pieces.name}, bytes ${sequence.map(c => c.toString(16)).join(' ')} at index ${index}): ${excerpt(text)}\n${JSON.stringify(problems)}`;
				expect(show(first), context).toBe(show(positionAt(text, index)));
				expect(first!.source, context).toBe('record text.invalid-utf8');
				tested++;
			}

			expect(tested).toBeGreaterThan(seeds(40_000, 400).length / 2);
		},
		fuzzTimeout,
	);
});

describe('NDJSON framing, differential against JSON.parse', () => {
	type Lines = {text: string; records: Array<{line: number; column: number; content: string}>};

	/** One value a line (the first an object), with blank lines, CRLF, and spaces around values. */
	function randomLines(random: Random): Lines {
		const style = {...randomStyle(random), pretty: false, flat: true};
		const newline = random.chance(0.3) ? '\r\n' : '\n';
		const count = random.between(1, 12);
		const records: Lines['records'] = [];
		let text = '';
		let line = 1;
		const blank = () => {
			while (random.chance(0.2)) {
				text += random.pick(['', ' ', '\t', '\r', '  \t ']) + newline;
				line++;
			}
		};

		for (let k = 0; k < count; k++) {
			if (k > 0) blank();
			const lead = random.pick(['', '', ' ', '\t', '  ']);
			let content = randomValue(random, style, 0);
			if (k === 0) {
				// The first line a user (a user's key): one that is not is taken for a wrapper of users
				content = `{"username":"u","value":${content}}`;
			} else if (random.chance(0.8)) {
				// Mostly objects, as Hanko expects: wrap non-objects
				if (!content.startsWith('{')) content = `{"value":${content}}`;
			}

			records.push({line, column: lead.length + 1, content});
			text += lead + content + random.pick(['', '', ' ', '\t']);
			if (k < count - 1 || random.chance(0.6)) {
				text += newline;
				line++;
			}
		}

		if (random.chance(0.3)) blank();
		return {text, records};
	}

	test(
		'valid lines: same records, at their real positions, in any piece sizes',
		() => {
			for (const seed of seeds(50_000, 400)) {
				const random = createRandom(seed);
				const lines = randomLines(random);
				const {bytes, bomLength} = withBom(random, lines.text);
				const pieces = pieceSizes(random, bytes.length);
				const result = frame(bytes, pieces.next);
				const context = `seed ${seed} (${pieces.name}, bom ${bomLength > 0}): ${excerpt(lines.text)}`;
				expect(result.fatal, context).toBeUndefined();
				expect(result.format, context).toBe('ndjson');
				expect(result.records.length, context).toBe(lines.records.length);
				for (const [k, record] of result.records.entries()) {
					const expected = lines.records[k]!;
					expect(decode(bytes, record.start, record.end), `${context}, record ${k}`).toBe(expected.content);
					expect(show(record), `${context}, record ${k}`).toBe(show(expected));
				}

				expect(pipelineProblems(result), context).toEqual([]);
			}
		},
		fuzzTimeout,
	);

	test(
		'damaged lines: the first problem reported is where JSON.parse fails on that line',
		() => {
			for (const seed of seeds(60_000, 600)) {
				const random = createRandom(seed);
				const lines = randomLines(random);
				if (lines.records.length < 2) continue;
				// Damage one record after the first (the first decides the format), keeping it on its line
				const target = random.between(1, lines.records.length - 1);
				const record = lines.records[target]!;
				let damaged = record.content;
				for (let tries = 0; tries < 10 && !damaged.includes('\n') && damaged === record.content; tries++) {
					const mutation = mutate(random, record.content, -1);
					if (!/[\r\n]/.test(mutation.text)) damaged = mutation.text;
				}

				const all = lines.text.split('\n');
				const row = all[record.line - 1]!;
				all[record.line - 1] = row.slice(0, record.column - 1) + damaged + row.slice(record.column - 1 + record.content.length);
				const text = all.join('\n');
				const {bytes} = withBom(random, text);
				const pieces = pieceSizes(random, bytes.length);
				const result = frame(bytes, pieces.next);
				const context = `seed ${seed} (${pieces.name}): line ${record.line} ${excerpt(damaged)} in ${excerpt(text)}`;
				expect(result.fatal, context).toBeUndefined();
				const trimmed = damaged.replace(/^[ \t\r]+/, '');
				const lead = damaged.length - trimmed.length;
				const content = trimmed.replace(/[ \t\r]+$/, '');
				const problems = pipelineProblems(result);
				const failure = content === '' ? undefined : jsonParseFailure(content);
				if (failure === undefined) {
					expect(problems, context).toEqual([]);
					continue;
				}

				const inLine = positionAt(content, expectedFaultIndex(content, failure.index, failure.message));
				const expected =
					inLine.line === 1
						? {line: record.line, column: record.column + lead + inLine.column - 1}
						: {line: record.line + inLine.line - 1, column: inLine.column};
				expect(show(firstProblem(problems)), `${context}\nJSON.parse: ${failure.message}\n${JSON.stringify(problems)}`).toBe(
					show(expected),
				);
			}
		},
		fuzzTimeout,
	);
});
