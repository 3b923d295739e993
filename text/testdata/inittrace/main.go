// Command inittrace imports only package text, so that
// GODEBUG=inittrace=1 shows what importing it costs at start-up.
package main

import (
	"fmt"

	"github.com/nagame-dev/nagame/text"
)

func main() { fmt.Println(text.Width("決済チームの眺める会")) }
