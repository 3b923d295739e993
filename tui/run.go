package tui

import (
	"context"
	"errors"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run runs the app in the terminal until the user quits. Everything typed
// is journaled as it is made; Run flushes what is pending before returning.
func Run(ctx context.Context, o Options) error {
	m := New(o)
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if noColor(o.Getenv) {
		opts = append(opts, tea.WithColorProfile(colorprofile.ASCII))
	}
	p := tea.NewProgram(m, opts...)
	if o.Quit != nil {
		// A graceful quit, not a cancelled context: Bubble Tea v2.0.10 races
		// its input reader when it is killed.
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-o.Quit:
				p.Quit()
			case <-done:
			}
		}()
	}
	_, err := p.Run()
	m.Stop()
	if jerr := m.StopJoin(context.WithoutCancel(ctx)); jerr != nil {
		err = errors.Join(err, jerr)
	}
	m.flush()
	if ferr := m.s.Flush(); ferr != nil {
		err = errors.Join(err, ferr)
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// noColor honours NO_COLOR as no-color.org says: any non-empty value turns
// colour off (colorprofile alone accepts only "true"-like values).
func noColor(getenv func(string) string) bool {
	if getenv == nil {
		getenv = os.Getenv
	}
	return getenv("NO_COLOR") != ""
}
