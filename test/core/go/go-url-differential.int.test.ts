// Differential test of go-url.ts against real Go (test/go/url/main.go): the URL a Link header entry
// gets from a request target (url.Parse, URL.Query, Values.Encode, URL.String), strconv.ParseInt's
// error text and strconv.Quote, on random input. Skipped without a Go toolchain (see test/helpers/go.ts).
import {Buffer} from 'node:buffer';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {encodeGoQuery, goEscapedPath, goQuote, parseGoInt, parseGoQuery} from '../../../source/core/go/go-url.js';
import {type GoProgram, announceGo, buildGoProgram, findGo, goLabel, runLines} from '../../helpers/go.js';
import {type Random, baseSeed, createRandom} from '../framing/fuzz-support.js';

const go = findGo();
announceGo(go, 'go-url differential');

/** What the mock puts in a Link header for page 2 of 5 a page, as the Go program builds it. */
function oursLink(target: string): string {
	const at = target.indexOf('?');
	const path = goEscapedPath(at < 0 ? target : target.slice(0, at));
	if (path === undefined) return 'ERR';
	const query = parseGoQuery(at < 0 ? '' : target.slice(at + 1));
	query.set('page', ['2']);
	query.set('per_page', ['5']);
	return `http://h${path}?${encodeGoQuery(query)}`;
}

function oursInt(text: string): string {
	const parsed = parseGoInt(text);
	return 'error' in parsed ? parsed.error : String(parsed.value);
}

// What a request target may hold (Node refuses spaces, controls and bytes above 0x7E there), '#' aside
const pathPieces = [
	'users',
	'a',
	'Z',
	'0',
	'-',
	'.',
	'_',
	'~',
	'%',
	'%7B',
	'%7b',
	'%2F',
	'%25',
	'%C3%A9',
	'%FF',
	'%4',
	'%G1',
	'{',
	'}',
	':',
	'@',
	'!',
	'$',
	'&',
	"'",
	'(',
	')',
	'*',
	'+',
	',',
	';',
	'=',
	'[',
	']',
	'"',
	'<',
	'>',
	'\\',
	'^',
	'`',
	'|',
	'/',
	'//',
];
const queryPieces = [
	'page',
	'per_page',
	'PAGE',
	'email',
	'user_id',
	'sort_direction',
	'=',
	'==',
	'&',
	'&&',
	';',
	'%',
	'%2C',
	'%26',
	'%3D',
	'+',
	'%2B',
	'%20',
	'%C3%A9',
	'%ff',
	'%zz',
	'a',
	'B',
	'1',
	'-',
	'.',
	'_',
	'~',
	'{',
	'}',
	',',
	':',
	'/',
	'?',
	'@',
	'!',
	'*',
	"'",
	'"',
	'[',
	']',
	'|',
	'^',
	'`',
	'\\',
];

function randomTarget(random: Random): string {
	let path = '/';
	for (let i = random.int(6); i > 0; i--) path += random.pick(pathPieces);
	if (random.chance(0.2)) return path;
	let query = '';
	for (let i = random.int(12); i > 0; i--) query += random.pick(queryPieces);
	return `${path}?${query}`;
}

const intPieces = [
	'0',
	'1',
	'9',
	'42',
	'-',
	'+',
	' ',
	'x',
	'e',
	'.',
	'_',
	'0x',
	'9223372036854775807',
	'9223372036854775808',
	'18446744073709551616',
	'\u00E9',
	'"',
	'\\',
	'\n',
];

// Characters whose printability Go 1.19 (Unicode 13) and Node agree on, and bytes that are not UTF-8
const quotePieces = [
	'a',
	' ',
	'"',
	'\\',
	'\u0007',
	'\b',
	'\f',
	'\n',
	'\r',
	'\t',
	'\v',
	'\u0000',
	'\u001F',
	'\u007F',
	'\u0085',
	'\u00A0',
	'\u00AD',
	'\u00E9',
	'\u2028',
	'\u200B',
	'\uFEFF',
	'\u4E2D',
	'\u{1F600}',
	'\u{E0001}',
	'\u{10FFFF}',
];
const badBytes = ['\xFF', '\xC3', '\xE2\x82', '\xED\xA0\x80', '\xF0\x9F\x98', '\xC0\xAF', '\x80'];

function randomBytes(random: Random, pieces: readonly string[]): string {
	let text = '';
	for (let i = random.int(8); i > 0; i--) {
		text += random.chance(0.2) ? random.pick(badBytes) : Buffer.from(random.pick(pieces), 'utf8').toString('latin1');
	}

	return text;
}

describe.skipIf(!go.toolchain)(`go-url.ts, differential against ${goLabel(go)}`, () => {
	let program: GoProgram;
	beforeAll(() => {
		program = buildGoProgram(go.toolchain!, 'url');
	}, 240_000);
	afterAll(() => program?.dispose());

	function compare(kind: string, inputs: readonly string[], ours: (input: string) => string): void {
		const theirs = runLines(
			program,
			[],
			inputs.map(input => `${kind} ${Buffer.from(input, 'latin1').toString('hex')}`),
		).map(line => JSON.parse(line) as string);
		const mismatches = inputs.flatMap((input, i) =>
			ours(input) === theirs[i] ? [] : [`${JSON.stringify(input)}: ours ${ours(input)}, Go ${theirs[i]}`],
		);
		expect(mismatches.slice(0, 10)).toEqual([]);
	}

	test("a Link entry's URL: EscapedPath, ParseQuery and Encode of the request target", () => {
		const random = createRandom(baseSeed + 71);
		const targets = [
			'/users',
			'/users?',
			'/users?page=2&per_page=5',
			'/users?sort_direction=asc&email=a%40b&page=1',
			'/{3f1b7c5e8d2a4e6f9b0c1a2b3c4d5e6f}/users?x=1',
			'/%7B3f1b%7D/users',
			'/users?a=1;b=2&c=3',
		];
		for (let i = 0; i < 3000; i++) targets.push(randomTarget(random));
		const results = targets.map(target => oursLink(target));
		expect(results.filter(result => result === 'ERR').length).toBeGreaterThan(10);
		compare('link', targets, oursLink);
	});

	test('strconv.ParseInt(s, 10, 64): the value, or its error text', () => {
		const random = createRandom(baseSeed + 72);
		const inputs = ['', '0', '-0', '+7', '-9223372036854775808', '-9223372036854775809', '1_000', Buffer.from('٣').toString('latin1')];
		for (let i = 0; i < 2000; i++) inputs.push(randomBytes(random, intPieces));
		compare('int', inputs, oursInt);
	});

	test('strconv.Quote', () => {
		const random = createRandom(baseSeed + 73);
		const inputs = [''];
		for (let i = 0; i < 2000; i++) inputs.push(randomBytes(random, quotePieces));
		compare('quote', inputs, goQuote);
	});
});
