package sources

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestErrorQuotesTheQuery(t *testing.T) {
	tests := []struct {
		name string
		err  Error
		want string
	}{
		{
			// The broken query must look broken: the message's own closing
			// parenthesis may not balance it.
			name: "an unbalanced query stays unbalanced",
			err:  Error{Backend: "prometheus", Query: "sum(rate(x[1m])", Msg: "bad_data: 1:16: parse error: unclosed left parenthesis"},
			want: "prometheus: bad_data: 1:16: parse error: unclosed left parenthesis (query `sum(rate(x[1m])`)",
		},
		{
			name: "a Datadog query",
			err:  Error{Backend: "datadog", Query: "avg:trace.http.request{service:web}", Msg: "Datadog rejected the query"},
			want: "datadog: Datadog rejected the query (query `avg:trace.http.request{service:web}`)",
		},
		{
			name: "a file name",
			err:  Error{Backend: "file", Query: "latency.csv", Msg: "latency.csv: no such file in ./exports"},
			want: "file: latency.csv: no such file in ./exports (query `latency.csv`)",
		},
		{
			// PromQL allows backquoted strings: such a query is quoted as a
			// Go string instead.
			name: "a query with a backquote",
			err:  Error{Backend: "prometheus", Query: "up{job=`api`}", Msg: "boom"},
			want: "prometheus: boom (query \"up{job=`api`}\")",
		},
		{
			name: "a long query is clipped inside the quotes",
			err:  Error{Backend: "datadog", Query: strings.Repeat("a", 100), Msg: "boom"},
			want: "datadog: boom (query `" + strings.Repeat("a", 79) + "…`)",
		},
		{
			name: "no query, no parentheses",
			err:  Error{Backend: "demo", Msg: "boom"},
			want: "demo: boom",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

func TestLimitBody(t *testing.T) {
	read := func(body string, declared, limit int64) (string, error) {
		b, err := io.ReadAll(LimitBody(io.NopCloser(strings.NewReader(body)), declared, limit))
		return string(b), err
	}
	t.Run("a body within the limit is read whole", func(t *testing.T) {
		if got, err := read("0123456789", -1, 10); got != "0123456789" || err != nil {
			t.Errorf("got %q, %v; want the whole body", got, err)
		}
	})
	t.Run("a body one byte over fails, not ends", func(t *testing.T) {
		got, err := read("0123456789x", -1, 10)
		var tl *TooLargeError
		if !errors.As(err, &tl) || tl.Limit != 10 {
			t.Fatalf("got %q, %v; want a *TooLargeError of limit 10", got, err)
		}
		if len(got) > 10 {
			t.Errorf("read %d bytes past a limit of 10", len(got))
		}
	})
	t.Run("an announced length over the limit fails before reading", func(t *testing.T) {
		r := &countingReader{r: strings.NewReader("0123456789")}
		_, err := io.ReadAll(LimitBody(io.NopCloser(r), 1<<30, 10))
		if !errors.As(err, new(*TooLargeError)) || r.n != 0 {
			t.Errorf("err %v after reading %d bytes; want a *TooLargeError and nothing read", err, r.n)
		}
	})
	t.Run("an endless body stops at the limit", func(t *testing.T) {
		r := &countingReader{r: zeros{}}
		_, err := io.ReadAll(LimitBody(io.NopCloser(r), -1, 1<<20))
		if !errors.As(err, new(*TooLargeError)) || r.n > 1<<20+1 {
			t.Errorf("err %v after reading %d bytes; want a *TooLargeError after at most 1 MiB + 1", err, r.n)
		}
	})
	if got := (&TooLargeError{Limit: 16 << 20}).Error(); got != "larger than 16 MiB" {
		t.Errorf("Error() = %q", got)
	}
	for n, want := range map[int64]string{16 << 20: "16 MiB", 512 << 10: "512 KiB", 100: "100 bytes", 1<<20 + 1: "1048577 bytes"} {
		if got := SizeText(n); got != want {
			t.Errorf("SizeText(%d) = %q, want %q", n, got, want)
		}
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
