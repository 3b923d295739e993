package chart

import (
	"math"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// evenBurnPoints is how many points draw the even-burn reference: enough
// for a straight line on any terminal.
const evenBurnPoints = 512

// BurnDown draws an error budget's burn-down over b.Window
// (opt.Window is ignored): the budget left, from 100 % at the window's
// start to what the window leaves (below zero when overspent), the zero
// line marked ("budget spent"), the even burn for reference (a burn rate of
// 1×: the budget spent exactly at the window's end; above it the window
// spends slower), and a caption with the SLI, the target and what is left.
// opt.Unit is "%" whatever it says.
func BurnDown(b sources.Burn, opt Options) Drawing {
	w := b.Window
	opt.Window, opt.Unit = w, "%"
	if len(b.Left.Points) < 2 { // no bucket with data: nothing burnt, nothing known
		return draw(nil, opt, look{})
	}
	even := sources.Series{Unit: "%"}
	if d := w.Duration(); d > 0 {
		for i := range evenBurnPoints {
			f := float64(i) / float64(evenBurnPoints-1)
			even.Points = append(even.Points, sources.Point{T: w.From.Add(time.Duration(f * float64(d-1))), V: 100 * (1 - f)})
		}
	}
	lines := []Line{
		{Series: even, Label: "even burn (1×)", Role: Previous},
		{Series: sources.Series{Points: []sources.Point{{T: w.From, V: 0}}}, Label: "budget spent", Role: Threshold},
		{Series: b.Left, Label: "error budget left", Role: Current},
	}
	caption := "SLI " + pct(b.SLI) + " · target " + pct(b.Target)
	if !math.IsNaN(b.Remaining) {
		caption += " · " + sources.FormatValue(100*b.Remaining, "%") + " of the budget left"
	}
	return draw(lines, opt, look{caption: caption, noBand: true})
}

func pct(f float64) string { return sources.FormatValue(100*f, "%") }
