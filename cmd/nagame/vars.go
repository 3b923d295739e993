package main

import (
	"strings"

	"github.com/spf13/cobra"
)

// addVarFlag adds --var name=value, repeatable, to cmd.
func addVarFlag(cmd *cobra.Command, dst *[]string) {
	cmd.Flags().StringArrayVar(dst, "var", nil, "set an agenda variable: --var env=staging (repeatable)")
}

// parseVars reads --var flags into a map; a malformed one is a usage error.
func parseVars(flags []string) (map[string]string, error) {
	if len(flags) == 0 {
		return nil, nil
	}
	out := make(map[string]string, len(flags))
	for _, f := range flags {
		name, value, ok := strings.Cut(f, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, usagef("--var %q: want name=value, like --var env=staging", f)
		}
		if _, dup := out[name]; dup {
			return nil, usagef("--var %s is given twice", name)
		}
		out[name] = value
	}
	return out, nil
}
