package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/nagame-dev/nagame/sessions"
)

// damagedRows adds a row per damaged session among errs (as ListRecords
// returns them) to rows, and returns the errors that are not about one
// session (the sessions folder unreadable).
func damagedRows(rows []sessionRow, errs []error) ([]sessionRow, []*sessions.DamagedError, []error) {
	var damaged []*sessions.DamagedError
	var other []error
	for _, err := range errs {
		var d *sessions.DamagedError
		if !errors.As(err, &d) {
			other = append(other, err)
			continue
		}
		damaged = append(damaged, d)
		rows = append(rows, sessionRow{
			Session: d.Name, Dir: d.Dir, Date: d.Modified.Local().Format("2006-01-02 15:04"),
			Title: "?", State: "damaged", Problem: d.Problem,
		})
	}
	return rows, damaged, other
}

// reportDamaged says, under the list, what is wrong with each damaged
// session and what to do; the listing then exits 1, so that a script
// notices.
func reportDamaged(w io.Writer, damaged []*sessions.DamagedError) error {
	if len(damaged) == 0 {
		return nil
	}
	for _, d := range damaged {
		next := "nagame repair " + d.Name + " keeps every event that still reads"
		if !d.Repairable {
			next = "nothing to repair it from: remove or move the folder " + d.Dir
		}
		fmt.Fprintf(w, "nagame: session %s is damaged: %s; %s\n", d.Name, d.Problem, next)
	}
	return &silentError{fmt.Errorf("%d damaged session(s)", len(damaged))}
}
