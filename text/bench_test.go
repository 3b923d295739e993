package text_test

import (
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/text"
)

var (
	benchASCII    = "p95 latency of the checkout service is back under the objective of 300 ms this week"
	benchJapanese = "決済チームの眺める会：レイテンシは改善した。次回も確認する。エラー率は0.2%で、目標を満たしている。"
	benchDirty    = "\x1b[1;31mp95\x1b[0m latency\r\n\tof \u202echeckout\u202c\x1b]0;title\x07 is back\xff"
	benchNotes    = strings.Repeat(benchJapanese+" "+benchASCII+"\n", 20)
)

func BenchmarkWidth(b *testing.B) {
	for _, bc := range []struct{ name, s string }{{"ASCII", benchASCII}, {"Japanese", benchJapanese}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.s)))
			for b.Loop() {
				_ = text.Width(bc.s)
			}
		})
	}
}

func BenchmarkClean(b *testing.B) {
	for _, bc := range []struct{ name, s string }{{"ASCII", benchASCII}, {"Japanese", benchJapanese}, {"Dirty", benchDirty}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.s)))
			for b.Loop() {
				_ = text.Clean(bc.s)
			}
		})
	}
}

func BenchmarkWrap(b *testing.B) {
	for _, bc := range []struct{ name, s string }{{"ASCII", benchASCII}, {"Japanese", benchJapanese}, {"Notes", benchNotes}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.s)))
			for b.Loop() {
				_ = text.Wrap(bc.s, 40)
			}
		})
	}
}

func BenchmarkClip(b *testing.B) {
	for _, bc := range []struct{ name, s string }{{"ASCII", benchASCII}, {"Japanese", benchJapanese}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = text.Clip(bc.s, 44)
			}
		})
	}
}

func BenchmarkTable(b *testing.B) {
	t := text.Table{Columns: []text.Column{{Header: "DATE"}, {Header: "TITLE", Max: 44}, {Header: "NOTES", Right: true}}}
	for range 50 {
		t.AddRow("2025-06-02 10:00", benchJapanese, "12")
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = t.String()
	}
}
