package agenda

// An agenda is a script of a meeting: a few kilobytes, nested four levels
// deep. The YAML parser takes time that grows with the square of nesting
// (100,000 "[" take minutes), so a file far outside that shape is refused
// before it is parsed: a stray binary or a generated file must fail fast.
const (
	maxAgendaBytes = 1 << 20
	// maxFlowDepth bounds [ and { nesting; an agenda needs three.
	maxFlowDepth = 64
	// maxLinePrefix bounds the indentation and "- " markers that open a
	// line, which is how block nesting shows; an agenda needs about twenty.
	maxLinePrefix = 256
)

// checkShape reports a file too large or too deeply nested to be an agenda.
func checkShape(ps *problems, data []byte) bool {
	if len(data) > maxAgendaBytes {
		ps.add(pos{1, 1}, "an agenda is a few kilobytes: is this the right file?",
			"the file is %d bytes, more than an agenda's limit of %d", len(data), maxAgendaBytes)
		return false
	}
	var (
		line, col   = 1, 0
		depth       int
		quote       byte // the open quote, or 0
		comment     bool
		prefix      = true // still in the line's leading spaces and markers
		prefixWidth int
	)
	for _, c := range data {
		col++
		if c == '\n' {
			// A quote left open at the end of a line is usually an apostrophe
			// in plain text ("what's new"); forgetting it keeps the count honest.
			line, col, comment, quote, prefix, prefixWidth = line+1, 0, false, 0, true, 0
			continue
		}
		if prefix {
			if c == ' ' || c == '\t' || c == '-' || c == '?' || c == ':' {
				prefixWidth++
				if prefixWidth > maxLinePrefix {
					ps.add(pos{line, col}, "an agenda nests a few levels deep: is this the right file?", "the line is indented more than %d columns", maxLinePrefix)
					return false
				}
				continue
			}
			prefix = false
		}
		switch {
		case comment:
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			comment = true
		case c == '[' || c == '{':
			depth++
			if depth > maxFlowDepth {
				ps.add(pos{line, col}, "an agenda nests a few levels deep: is this the right file?", "brackets nest more than %d deep", maxFlowDepth)
				return false
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
	}
	return true
}
