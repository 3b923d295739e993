package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame"
)

type schemaOptions struct {
	Out io.Writer
}

func newSchemaCmd(g *globals) *cobra.Command {
	o := &schemaOptions{}
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
			o.Out = g.env.Out
			return runSchema(cmd.Context(), o)
		},
	}
}

func runSchema(_ context.Context, o *schemaOptions) error {
	_, err := o.Out.Write(nagame.AgendaSchema())
	return err
}
