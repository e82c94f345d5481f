import meow, {type AnyFlag, type AnyFlags} from 'meow';
import {commands, findCommand, generalHelp} from '../command-list.js';
import {home} from '../home.js';
import type {Command} from './command.js';
import {UsageError} from './usage-error.js';

/** What the command line asks for: a text to print (help, version), or a command to run. */
export type CommandLine = {print: string} | {command: Command; input: readonly string[]; flags: Record<string, unknown>};

function kebab(name: string): string {
	return name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
}

/** A flag as it was typed: `--no-auth` for a boolean that a command turns on unless told not to. */
function typed(name: string, value: unknown): string {
	const onByDefault = commands.some(command => command.flags[name]?.default === true);
	return value === false && onByDefault ? `--no-${kebab(name)}` : `--${kebab(name)}`;
}

function listed(names: readonly string[]): string {
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}` : names.join('');
}

/** Which help a usage error points to. */
export function helpCommand(command: Command | undefined): string {
	return command?.name ? `hanko-tui ${command.name} --help` : 'hanko-tui --help';
}

/**
 * Every command's flags at once, without their defaults: meow then reads a value after any flag a
 * command knows (`--users 5` is not a flag and a file), and only what was typed shows up.
 */
function everyFlag(): AnyFlags {
	const all: Record<string, AnyFlag> = {
		help: {type: 'boolean', shortFlag: 'h'},
		version: {type: 'boolean', shortFlag: 'v'},
		// `hanko-tui --demo`, the older spelling of `hanko-tui demo` (README and `npm run demo` use it)
		demo: {type: 'boolean'},
	};
	for (const command of [home, ...commands]) {
		for (const [name, spec] of Object.entries(command.flags)) {
			const {default: _default, ...rest} = spec;
			all[name] = rest as AnyFlag;
		}
	}

	return all;
}

/** The flags given that `command` does not have: the first one, as a usage error naming the command that has it. */
function checkFlags(command: Command, given: Record<string, unknown>, specs: AnyFlags): void {
	const who = command.name || 'hanko-tui without a command';
	const names = Object.keys(given);
	const unknown = names.filter(name => !Object.hasOwn(specs, name));
	if (unknown.length > 0)
		throw new UsageError(
			`unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map(name => typed(name, given[name])).join(', ')} for ${who}`,
		);
	for (const name of names) {
		if (Object.hasOwn(command.flags, name)) continue;
		const owners = commands.filter(other => Object.hasOwn(other.flags, name)).map(other => other.name);
		const flag = typed(name, given[name]);
		throw new UsageError(
			owners.length > 0
				? `${who} has no ${flag} (it belongs to ${listed(owners)}: hanko-tui ${owners[0]!} --help)`
				: `${who} has no ${flag}`,
			owners.length === 0,
		);
	}

	for (const name of names) {
		// meow gives NaN for a number it could not read
		if (specs[name]!.type === 'number' && Number.isNaN(given[name])) throw new UsageError(`--${kebab(name)} must be a number`);
	}
}

/** The command's flags: its defaults, then what was given. */
function withDefaults(command: Command, given: Record<string, unknown>): Record<string, unknown> {
	const flags: Record<string, unknown> = {};
	for (const [name, spec] of Object.entries(command.flags)) {
		if (spec.default !== undefined) flags[name] = spec.default;
	}

	return {...flags, ...given};
}

/**
 * Reads the command line: `hanko-tui [<command>] [<file>] [flags]`, `hanko-tui help [<command>]`.
 * Throws a UsageError for a line that cannot run.
 */
export function readCommandLine(argv: readonly string[], importMeta: ImportMeta): CommandLine {
	const specs = everyFlag();
	let cli: ReturnType<typeof meow<AnyFlags>>;
	try {
		cli = meow({
			argv,
			importMeta,
			flags: specs,
			autoHelp: false,
			autoVersion: false,
			booleanDefault: undefined,
			allowUnknownFlags: true,
		});
	} catch (error) {
		// meow throws for a flag given twice ("The flag --from can only be set once."): a usage error, one line
		throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\.$/, ''));
	}

	if (cli.flags.version) return {print: `${cli.pkg.version ?? ''}\n`};
	const {
		help,
		version: _version,
		demo,
		...given
	} = Object.fromEntries(Object.entries(cli.flags).filter(([, value]) => value !== undefined));
	const [typed, ...input] = cli.input;
	if (demo && typed !== undefined) throw new UsageError('--demo takes no command or file');
	const name = demo ? 'demo' : typed;

	if (name === 'help') {
		if (input[0] === undefined) return {print: generalHelp()};
		const command = findCommand(input[0]);
		if (!command) throw new UsageError(`unknown command '${input[0]}'`);
		return {print: command.help};
	}

	if (name === undefined && help) return {print: generalHelp()};
	const command = name === undefined ? home : findCommand(name);
	if (!command) throw new UsageError(`unknown command '${name!}'`);
	if (help) return {print: command.help};
	try {
		checkFlags(command, given, specs);
	} catch (error) {
		if (error instanceof UsageError) error.help = helpCommand(command);
		throw error;
	}

	return {command, input, flags: withDefaults(command, given)};
}
