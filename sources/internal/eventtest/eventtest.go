// Package eventtest is what the backends' events tests share: an events
// list written as lines ("Nov 10 14:10 deploy checkout v2.14.0") that a
// test compares with what it expects. Only tests import it.
package eventtest

import (
	"strings"

	"github.com/nagame-dev/nagame/sources"
)

// Lines writes each event as its time in layout (UTC), a space and its text.
func Lines(l sources.EventList, layout string) []string {
	out := make([]string, len(l.Events))
	for i, e := range l.Events {
		out[i] = e.At.UTC().Format(layout) + " " + e.Text
	}
	return out
}

// Text is Lines joined by newlines, for a message.
func Text(l sources.EventList, layout string) string {
	return strings.Join(Lines(l, layout), "\n")
}
