// Package examples holds the agendas users copy: the demo viewing party,
// which is embedded in the binary so that `nagame demo` needs no file, and
// smaller examples next to it in this folder.
package examples

import (
	_ "embed"
	"slices"
)

// DemoName is what messages and the session folder call the demo agenda.
const DemoName = "demo.yaml"

//go:embed demo.yaml
var demo []byte

// Demo returns the demo agenda's bytes (a copy: callers may keep or change
// it). Parse it with agenda.Parse(examples.DemoName, examples.Demo(), dir).
func Demo() []byte { return slices.Clone(demo) }
