// Go's string functions that hanko-tui reimplements (source/core/go/go-text.ts), for the differential
// tests in test/core/go/lower-differential.test.ts. Standard library only.
//
//	text runes    every code point whose unicode.ToLower differs from itself ("L <cp> <lower>", hex),
//	              then every code point unicode.IsSpace accepts ("S <cp>")
//	text strings  one JSON string a line in; one JSON array a line out:
//	              [strings.ToLower(s), strings.TrimSpace(s), utf8.RuneCountInString(s)]
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"
)

func main() {
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	switch os.Args[1] {
	case "runes":
		for r := rune(0); r <= unicode.MaxRune; r++ {
			if lower := unicode.ToLower(r); lower != r {
				fmt.Fprintf(out, "L %x %x\n", r, lower)
			}
		}
		for r := rune(0); r <= unicode.MaxRune; r++ {
			if unicode.IsSpace(r) {
				fmt.Fprintf(out, "S %x\n", r)
			}
		}
	case "strings":
		in := bufio.NewScanner(os.Stdin)
		in.Buffer(make([]byte, 1<<20), 1<<26)
		for in.Scan() {
			var s string
			if err := json.Unmarshal(in.Bytes(), &s); err != nil {
				fmt.Fprintln(os.Stderr, "bad input line:", err)
				os.Exit(2)
			}
			line, _ := json.Marshal([]interface{}{strings.ToLower(s), strings.TrimSpace(s), utf8.RuneCountInString(s)})
			out.Write(line)
			out.WriteByte('\n')
		}
	default:
		fmt.Fprintln(os.Stderr, "usage: text runes|strings")
		os.Exit(2)
	}
}
