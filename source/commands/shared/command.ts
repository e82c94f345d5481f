import type {AnyFlags, TypedFlags} from 'meow';

/** One `hanko-tui <name>`: the flags it accepts (no other), its help, and what it does. */
export type Command = {
	name: string;
	/** The command line in short, for the list of commands: `validate <file>`. */
	synopsis: string;
	/** What it does, in one line of the list of commands. */
	summary: string;
	/** Its flags, shared ones included, with their defaults. */
	flags: AnyFlags;
	help: string;
	/** The exit code; throws a UsageError for a command line it cannot run. */
	run: (input: readonly string[], flags: Record<string, unknown>) => Promise<number>;
};

/** A command whose `run` sees its own flags typed (meow's types, from the spec). */
export function defineCommand<const Flags extends AnyFlags>(
	command: Omit<Command, 'flags' | 'run'> & {flags: Flags; run: (input: readonly string[], flags: TypedFlags<Flags>) => Promise<number>},
): Command {
	// The command line was checked against these flags and their defaults added: the cast is what that check makes true
	return {...command, run: async (input, flags) => command.run(input, flags as TypedFlags<Flags>)};
}
