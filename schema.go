// Package nagame holds what the binary embeds from the repository's root:
// the JSON Schema of the agenda, which editors use to complete and check
// agenda files and which nagame schema prints.
package nagame

import (
	_ "embed"
	"slices"
)

//go:embed agenda.schema.json
var schema []byte

// AgendaSchema returns agenda.schema.json (a copy: callers may keep it).
func AgendaSchema() []byte { return slices.Clone(schema) }
