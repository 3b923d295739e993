// Package join is the join server of a meeting: plain HTML forms on the
// room's network through which participants answer from their own phones.
package join
