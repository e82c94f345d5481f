import {execFileSync} from 'node:child_process';

// Copying to the clipboard of the terminal the person looks at, over SSH and in tmux too: OSC 52 asks
// the terminal itself to set its clipboard, so nothing on this machine (no X server, no pbcopy) is needed.

/** The most a copy carries: far more than any id or address, far less than terminals refuse (often 100 kB of base64 or so). */
export const maxCopyBytes = 100_000;

/**
 * `ESC ] 52 ; c ; <base64> BEL`: set the clipboard (`c`) to the text. The value is untrusted (it comes
 * from the file), and base64's alphabet (A-Z a-z 0-9 + / =) is what keeps it from ending the sequence
 * early or carrying a control character of its own to the terminal: no byte of the value is written as it is.
 *
 * `passthrough` wraps it for tmux's passthrough (`ESC Ptmux; … ESC \`, each ESC inside doubled), which
 * tmux 3.3+ forwards to the outer terminal when `allow-passthrough` is on.
 */
export function osc52(text: string, passthrough = false): string {
	const sequence = `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
	return passthrough ? `\u001BPtmux;${sequence.replaceAll('\u001B', '\u001B\u001B')}\u001B\\` : sequence;
}

/** Why a value is not copied, or undefined when it can be. */
export function cannotCopy(text: string): string | undefined {
	if (Buffer.byteLength(text, 'utf8') > maxCopyBytes) return `too long to copy (over ${maxCopyBytes / 1000} kB)`;
	// Harmless in the sequence (base64), but pasted into a shell a newline or an escape would act: refused
	if (/[\u0000-\u001F\u007F-\u009F]/.test(text)) return 'holds control characters: not copied';
	return undefined;
}

type Output = {isTTY?: boolean; write: (data: string) => unknown};

/**
 * Whether tmux would drop a plain OSC 52: tmux 3.x forwards an application's OSC 52 to the outer
 * terminal only when `set-clipboard` is `on` (the default, `external`, ignores it). Asked once a session.
 */
let tmuxForwards: boolean | undefined;
function insideTmuxWithoutClipboard(environment: NodeJS.ProcessEnv): boolean {
	if (!environment.TMUX) return false;
	if (tmuxForwards === undefined) {
		try {
			tmuxForwards =
				execFileSync('tmux', ['show-options', '-gv', 'set-clipboard'], {encoding: 'utf8', timeout: 1000}).trim() === 'on';
		} catch {
			tmuxForwards = false;
		}
	}

	return !tmuxForwards;
}

/**
 * Writes the sequence to the terminal: to the output only when it is a terminal (a file or pipe would
 * keep the escape as text). Returns why not when it did not.
 */
export function copyToClipboard(output: Output, text: string, environment: NodeJS.ProcessEnv = process.env): string | undefined {
	const refused = cannotCopy(text);
	if (refused) return refused;
	if (!output.isTTY) return 'the output is not a terminal: nothing copied';
	output.write(osc52(text, insideTmuxWithoutClipboard(environment)));
	return undefined;
}
