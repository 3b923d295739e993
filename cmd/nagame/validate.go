package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions/agenda"
)

func newValidateCmd(g *globals) *cobra.Command {
	var varFlags []string
	cmd := &cobra.Command{
		Use:   "validate AGENDA...",
		Short: "Check agendas for mistakes, without fetching anything",
		Example: `  nagame validate checkout.yaml
  nagame validate examples/*.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("%s needs an agenda file", cmd.CommandPath())
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			vars, err := parseVars(varFlags)
			if err != nil {
				return err
			}
			failed := 0
			for _, path := range args {
				a, err := agenda.Load(path, agenda.WithVars(vars))
				if err != nil {
					failed++
					report(g.env.Err, err)
					continue
				}
				fmt.Fprintf(g.env.Out, "%s: ok: %s\n", path, describeAgenda(a))
			}
			if failed > 0 {
				return &silentError{errors.New("invalid agenda")}
			}
			return nil
		},
	}
	addVarFlag(cmd, &varFlags)
	return cmd
}

// describeAgenda is a one-line account of an agenda.
func describeAgenda(a *agenda.Agenda) string {
	return fmt.Sprintf("%q, %d panel(s), %d source(s), %s, window %s, compare %s",
		a.Title, len(a.Panels), len(a.SourceNames), agenda.FormatDuration(a.Duration), a.Window, compareText(a.Compare))
}

func compareText(c agenda.CompareSpec) string {
	if c.Mode == agenda.CompareShift {
		return agenda.FormatDuration(c.Shift) + " earlier"
	}
	return c.Mode
}
