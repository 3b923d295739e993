package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame"
)

// schemaOptions are nagame schema's: it has no flags.
type schemaOptions struct {
	*factory
}

func newSchemaCmd(f *factory, runF func(*schemaOptions) error) *cobra.Command {
	o := &schemaOptions{factory: f}
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the agenda's JSON Schema, for editors",
		Long: `Print the JSON Schema of an agenda (version 1). Save it next to your agendas
and point your editor at it: agendas that nagame init writes start with
# yaml-language-server: $schema=agenda.schema.json, which the YAML language
server (VS Code, Neovim, Helix, …) reads for completion and checks.`,
		Example: `  nagame schema > agenda.schema.json`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runWith(cmd.Context(), o, runF, runSchema)
		},
	}
}

// runSchema prints the agenda's JSON Schema.
func runSchema(_ context.Context, o *schemaOptions) error {
	_, err := o.Out.Write(nagame.AgendaSchema())
	return err
}
