package join

import (
	"fmt"
	"net"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/text"
)

func TestEveryLanguageHasEveryMessage(t *testing.T) {
	en := reflect.ValueOf(english)
	for _, lang := range Languages() {
		m, ok := messagesFor(lang)
		if !ok {
			t.Fatalf("no messages for %s", lang)
		}
		v := reflect.ValueOf(m)
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			s := v.Field(i).String()
			if s == "" {
				t.Errorf("%s: %s is empty", lang, name)
			}
			// The same verbs, so Sprintf fills both the same way.
			if verbs(s) != verbs(en.Field(i).String()) {
				t.Errorf("%s: %s has verbs %q, English %q", lang, name, verbs(s), verbs(en.Field(i).String()))
			}
		}
	}
	if m, ok := messagesFor("fr"); ok || m.Lang != "en" {
		t.Errorf("fr: %s %v, want English and false", m.Lang, ok)
	}
}

func verbs(s string) string {
	var out []string
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' {
			out = append(out, s[i:i+2])
			i++
		}
	}
	return strings.Join(out, " ")
}

func TestTheAnonymityRuleIsBuiltFromTheBallot(t *testing.T) {
	m, _ := messagesFor("en")
	if got := m.rule(&Ballot{Anonymous: true}); got != "Answers are anonymous: the minutes show only totals, and only counts when fewer than 3 answer; comments are kept verbatim without names." {
		t.Errorf("anonymous: %q", got)
	}
	if got := m.rule(&Ballot{}); !strings.Contains(got, "your name") {
		t.Errorf("named: %q", got)
	}
	if got := m.rule(&Ballot{Anonymous: true, Rule: "Ours."}); got != "Ours." {
		t.Errorf("the caller's rule: %q", got)
	}
}

func TestPickAddrTakesThePrimaryPrivateIPv4(t *testing.T) {
	up := net.FlagUp | net.FlagBroadcast
	ip := net.ParseIP
	cases := []struct {
		name  string
		cands []candidate
		want  string
	}{
		{"wifi", []candidate{
			{"lo", net.FlagUp | net.FlagLoopback, []net.IP{ip("127.0.0.1")}},
			{"wlan0", up, []net.IP{ip("fe80::1"), ip("192.168.1.20")}},
		}, "192.168.1.20"},
		{"docker first, wifi wins", []candidate{
			{"docker0", up, []net.IP{ip("172.17.0.1")}},
			{"wlan0", up, []net.IP{ip("10.0.0.7")}},
		}, "10.0.0.7"},
		{"down and public are skipped", []candidate{
			{"eth0", net.FlagBroadcast, []net.IP{ip("192.168.1.2")}},
			{"eth1", up, []net.IP{ip("203.0.113.5")}},
			{"eth2", up, []net.IP{ip("172.20.1.1")}},
		}, "172.20.1.1"},
		{"only a VPN", []candidate{
			{"wg0", net.FlagUp | net.FlagPointToPoint, []net.IP{ip("10.8.0.2")}},
		}, "10.8.0.2"},
		{"none", []candidate{
			{"lo", net.FlagUp | net.FlagLoopback, []net.IP{ip("127.0.0.1")}},
			{"eth0", up, []net.IP{ip("203.0.113.5"), ip("2001:db8::1")}},
		}, ""},
	}
	for _, c := range cases {
		got, ok := pickAddr(c.cands)
		if c.want == "" {
			if ok {
				t.Errorf("%s: picked %s, want none", c.name, got)
			}
			continue
		}
		if !ok || got.String() != c.want {
			t.Errorf("%s: picked %v, want %s", c.name, got, c.want)
		}
	}
}

func TestDefaultAddrIsPrivateOrSaysWhatToDo(t *testing.T) {
	addr, err := DefaultAddr()
	if err != nil {
		if !strings.Contains(err.Error(), "give the address to listen on") {
			t.Errorf("the error does not say what to do: %v", err)
		}
		return
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port != fmt.Sprint(DefaultPort) {
		t.Fatalf("%q: %v", addr, err)
	}
	if ip := net.ParseIP(host).To4(); ip == nil || !ip.IsPrivate() {
		t.Errorf("%s is not a private IPv4 address", host)
	}
}

func TestTheLimiterRefillsOverTime(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(2, 3, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("request %d refused", i+1)
		}
	}
	ok, wait := l.allow("a")
	if ok || wait != 500*time.Millisecond {
		t.Fatalf("fourth: %v, wait %v", ok, wait)
	}
	if ok, _ := l.allow("b"); !ok {
		t.Fatal("another client was refused")
	}
	now = now.Add(500 * time.Millisecond)
	if ok, _ := l.allow("a"); !ok {
		t.Fatal("refused after the refill")
	}
	now = now.Add(time.Hour)
	for i := range maxClients {
		l.allow(fmt.Sprint("c", i))
	}
	if len(l.clients) > maxClients {
		t.Errorf("%d clients remembered, at most %d", len(l.clients), maxClients)
	}
}

func TestCodesAreReadTheWayPeopleTypeThem(t *testing.T) {
	for typed, want := range map[string]string{"k7m-2qp": "K7M2QP", "o1l i": "0111", " ab cd ": "ABCD"} {
		if got := normalizeCode(typed); got != want {
			t.Errorf("%q: %q, want %q", typed, got, want)
		}
	}
	k := deriveKeys("abc")
	if c := shortCode(k.code); len(c) != codeLength || strings.ContainsAny(c, "ILOU") {
		t.Errorf("code %q", c)
	}
}

func TestAForgedVoterCookieIsRefused(t *testing.T) {
	k := deriveKeys("token")
	id, cookie, err := newVoterCookie(k.voter)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := voterFromCookie(k.voter, cookie); !ok || got != id {
		t.Fatalf("own cookie: %q %v", got, ok)
	}
	other := deriveKeys("other token")
	for _, bad := range []string{"", "v1.", id, "v1." + id + ".aaaa", cookie + "x"} {
		if _, ok := voterFromCookie(k.voter, bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, ok := voterFromCookie(other.voter, cookie); ok {
		t.Error("a cookie of another meeting accepted")
	}
}

// Whatever a browser sends, what reaches the Sink is one clean line within
// its limit, or exactly one of the question's options.
func FuzzAccept(f *testing.F) {
	for _, s := range []string{"better", " better ", "bet\x1b[31mter", "4", "yes", "", "a\nb", "\u202e", strings.Repeat("界", 2000)} {
		f.Add(s)
	}
	qs := []Question{
		{ID: "c", Kind: Choice, Options: []string{"better", "same", "worse"}},
		{ID: "s", Kind: Scale, Options: []string{"1", "2", "3", "4", "5"}},
		{ID: "y", Kind: YesNo},
		{ID: "t", Kind: Text},
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, q := range qs {
			for _, impression := range []bool{false, true} {
				v, ok := accept(q, impression, raw)
				if !ok {
					continue
				}
				if q.Kind != Text {
					if !slices.Contains(q.options(), v) {
						t.Fatalf("%s: %q accepted as %q, not an option", q.ID, raw, v)
					}
					continue
				}
				limit := MaxText
				if impression {
					limit = MaxImpression
				}
				if text.Line(v) != v || text.Width(v) > limit {
					t.Fatalf("%q became %q: not one clean line within %d cells", raw, v, limit)
				}
			}
		}
	})
}
