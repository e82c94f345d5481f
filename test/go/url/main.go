// Go's net/url and strconv as Hanko's admin server applies them to a list request, for the
// differential test of source/core/go/go-url.ts (test/core/go/go-url-differential.test.ts).
// Standard library only. One request a line in, "<kind> <hex bytes>"; one JSON string a line out:
//
//	link   the request target: pagination/header.go's URL for page 2 (per_page 5), built from
//	       url.Parse("http://h" + target) as user_admin.go does, or "ERR" when that fails
//	int    strconv.ParseInt(s, 10, 64): the value, or the error's text
//	quote  strconv.Quote(s)
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
)

func main() {
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	for in.Scan() {
		kind, data, _ := strings.Cut(in.Text(), " ")
		bytes, err := hex.DecodeString(data)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad input line:", err)
			os.Exit(2)
		}
		s := string(bytes)
		var result string
		switch kind {
		case "link":
			u, err := url.Parse("http://h" + s)
			if err != nil {
				result = "ERR"
			} else {
				q := u.Query()
				q.Set("page", "2")
				q.Set("per_page", "5")
				u.RawQuery = q.Encode()
				result = u.String()
			}
		case "int":
			value, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				result = err.Error()
			} else {
				result = strconv.FormatInt(value, 10)
			}
		case "quote":
			result = strconv.Quote(s)
		default:
			fmt.Fprintln(os.Stderr, "unknown kind:", kind)
			os.Exit(2)
		}
		line, _ := json.Marshal(result)
		out.Write(line)
		out.WriteByte('\n')
	}
}
