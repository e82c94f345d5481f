import {useEffect} from 'react';
import {type Completion, completePath, unquotePath} from '../kit/file-paths.js';

// Tab in a form's output field (the export's, the target screen's): the file name is completed from
// the folder it names, and the answer goes back to the form for the text it was asked for.

export function useFormCompletion(
	completing: string | undefined,
	cwd: string,
	completed: (typed: string, completion: Completion) => void,
): void {
	useEffect(() => {
		if (completing === undefined) return;
		let current = true;
		void completePath(unquotePath(completing), cwd).then(completion => {
			if (current) completed(completing, completion);
		});
		return () => {
			current = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- `completed` dispatches: a new function each render, the same effect
	}, [completing, cwd]);
}
