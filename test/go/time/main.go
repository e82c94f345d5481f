// Go's time.Time.UnmarshalJSON as encoding/json calls it, for the differential test of
// source/core/go/go-time.ts (test/core/go/time-differential.test.ts). Standard library only.
//
// In: one JSON string a line, holding the text written between a JSON string's quotes (escapes not
// decoded: that raw text is what UnmarshalJSON sees). Out, a line each:
//
//	ok <unix seconds> <nanoseconds> <zone offset seconds> <zulu 0|1> <year>
//	error      (json.Unmarshal of "<raw>" into *time.Time failed)
//
// Run with TZ=UTC so that no offset happens to match a local zone (which would not change the
// instant or the offset, but keeps runs alike).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	for in.Scan() {
		var raw string
		if err := json.Unmarshal(in.Bytes(), &raw); err != nil {
			fmt.Fprintln(os.Stderr, "bad input line:", err)
			os.Exit(2)
		}
		var t time.Time
		if err := json.Unmarshal([]byte(`"`+raw+`"`), &t); err != nil {
			fmt.Fprintln(out, "error")
			continue
		}
		_, offset := t.Zone()
		zulu := 0
		// Only a 'Z' leaves the time in UTC itself; an offset of +00:00 gets a location of its own
		if t.Location() == time.UTC {
			zulu = 1
		}
		fmt.Fprintf(out, "ok %d %d %d %d %d\n", t.Unix(), t.Nanosecond(), offset, zulu, t.Year())
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "reading input:", err)
		os.Exit(2)
	}
}
