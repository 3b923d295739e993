package agenda

import "strings"

// closest returns the candidate nearest to word when it is near enough to be
// what the user meant ("quer" → "query", "titel" → "title"), or "".
// Case is ignored, and a swap of two neighbouring letters counts as one
// edit: both are the usual typos.
func closest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestD := "", -1
	for _, c := range candidates {
		d := editDistance(w, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > allowedEdits(w) {
		return ""
	}
	return best
}

// allowedEdits is how far a word may be from a key and still be taken for a
// typo of it: one edit for short words, where two would match almost
// anything, two for longer ones.
func allowedEdits(w string) int {
	switch n := len([]rune(w)); {
	case n <= 3:
		return 1
	default:
		return 2
	}
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of neighbours.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows are enough: a transposition looks two rows back.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
