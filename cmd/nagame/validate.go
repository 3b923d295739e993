package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions/agenda"
)

// validateOptions are nagame validate's: the agendas to read.
type validateOptions struct {
	*factory
	agendas []string
	vars    []string
}

func newValidateCmd(f *factory, runF func(*validateOptions) error) *cobra.Command {
	o := &validateOptions{factory: f}
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
		RunE: func(cmd *cobra.Command, args []string) error {
			o.agendas = args
			return runWith(cmd.Context(), o, runF, runValidate)
		},
	}
	addVarFlag(cmd, &o.vars)
	return cmd
}

// runValidate reads each agenda and says what is wrong with it, or sums it
// up in a line.
func runValidate(_ context.Context, o *validateOptions) error {
	vars, err := parseVars(o.vars)
	if err != nil {
		return err
	}
	failed := 0
	for _, path := range o.agendas {
		a, err := agenda.Load(path, agenda.WithVars(vars))
		if err != nil {
			failed++
			report(o.Err, err)
			continue
		}
		fmt.Fprintf(o.Out, "%s: ok: %s\n", path, describeAgenda(a))
	}
	if failed > 0 {
		return &silentError{errors.New("invalid agenda")}
	}
	return nil
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
