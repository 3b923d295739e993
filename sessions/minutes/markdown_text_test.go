package minutes

import (
	"testing"
)

func TestMarkdownEscapesWhatMarkdownWouldMisread(t *testing.T) {
	cases := []struct{ in, want string }{
		{"p95 up *a lot*", `p95 up \*a lot\*`},
		{"use `rate()` | sum", "use \\`rate()\\` \\| sum"},
		{"<script>x</script>", `\<script\>x\</script\>`},
		{"[link](x) #tag ~~s~~ _u_", `\[link\](x) \#tag \~\~s\~\~ \_u\_`},
		{"see https://app.datadoghq.com/x?y=1.", "see <https://app.datadoghq.com/x?y=1>."},
	}
	for _, c := range cases {
		if got := mdInline(c.in); got != c.want {
			t.Errorf("mdInline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMarkdownBlocksKeepListsAndLines(t *testing.T) {
	in := "p95 went up\nafter the deploy\n\n- pool fix helped\n* cache next\n1. not a list\n+ nor this"
	want := "p95 went up\\\nafter the deploy\n\n- pool fix helped\n- cache next\n\n1\\. not a list\\\n\\+ nor this"
	if got := mdBlock(in); got != want {
		t.Errorf("mdBlock =\n%s\nwant\n%s", got, want)
	}
}

func TestCodeSpanSurvivesBackticks(t *testing.T) {
	if got := codeSpan("a`b"); got != "``a`b``" {
		t.Errorf("codeSpan = %q", got)
	}
	if got := codeSpan("`x"); got != "`` `x ``" {
		t.Errorf("codeSpan = %q", got)
	}
}
