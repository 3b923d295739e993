// Command nagame runs a metrics viewing party in the terminal: a team walks a
// scripted agenda of latency, error and load panels, takes notes, answers
// questions, and leaves with Markdown minutes.
//
// With no arguments it runs the built-in demo party (no credentials, no
// network). See nagame --help for the other commands.
package main

import (
	"os"
	"time"
)

func main() {
	os.Exit(Main(os.Args[1:], factory{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		Getenv: os.Getenv, Now: time.Now,
	}))
}
