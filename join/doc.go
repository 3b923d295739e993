// Package join is the join server of a meeting: for the meeting's duration
// it serves plain HTML forms on the room's network, through which each
// participant answers from their own phone or laptop (the panel's questions,
// their one-line impression, the closing survey) instead of the facilitator
// typing everyone's answers on the shared screen.
//
// It knows nothing of the terminal: it imports no Bubble Tea, Lip Gloss or
// TUI package, only nagame's text sanitiser. The TUI adapts to it: it
// converts the agenda's questions into a [Ballot], opens the ballot that
// fits the phase and panel on screen, and journals the answers the [Sink]
// receives as the same answer, impression and survey events a typed answer
// makes, so the facilitator can still type for anyone and the later answer
// of either kind replaces the earlier.
//
// # Using it
//
//	token := saved // or join.NewToken() on a new session; keep it with the session
//	addr, err := join.DefaultAddr() // 192.168.1.20:8765; or a --join-addr flag
//	srv, err := join.Start(join.Config{Addr: addr, Token: token, Lang: "ja", Meeting: title, Sink: sink})
//	srv.SetPeople(state.Present())
//	srv.Open(join.Ballot{Stage: join.StagePanel, Panel: p.ID, Title: p.Title, Questions: qs})
//	qr, err := join.QR(srv.URL()) // and srv.ShortURL() beside it for typing
//	...
//	srv.Shutdown(ctx)
//
// [Server.Open] replaces what is open (the zero Ballot, or [Server.CloseBallot],
// closes it); it copies its argument and never blocks on a participant, so
// the TUI calls it from Update on every phase or panel change. The Sink is
// called from the server's goroutines, one answer at a time, and the
// participant's page waits until it returns: a TUI sink sends the answer
// to the event loop (with a reply channel, and a select on ctx), Update
// posts the journal event and replies. Because Open never waits for a
// Sink call, that cannot deadlock. Shutdown ends requests still waiting for
// the Sink; call it from a tea.Cmd.
//
// Passing the saved token to Start after a crash keeps the URL, the short
// code and the QR code the room already has, keeps the cookies phones
// already hold valid (they are signed with keys derived from the token),
// and gives anonymous devices the same pseudonyms, so their next answer
// still replaces the one journaled before the crash. The token is a
// secret: keep it in a file of the session that only its owner can read,
// never in the journal, the minutes or a log. Ballot.Answers passes the
// answers replayed from the journal, so each page shows its own answer
// selected after a resume (and after the facilitator typed one).
//
// # Who answers
//
// A named ballot (the default) asks each device to pick a name from the
// attendance list ([Server.SetPeople]) once; the choice is kept in a cookie,
// and the Answer's Respondent is that name. An anonymous ballot
// (Ballot.Anonymous, the closing survey when the agenda says so) asks no
// name and shows none: the Respondent is a pseudonym "anon-…" derived from
// the device's random voter id and the question, the same every time (so a
// second answer replaces the first) but different for every question, so
// the journal cannot link one person's answers to each other. Voter ids
// are 128 random bits kept in a cookie; nothing about the device (address,
// user agent) goes into them. The server never learns or says which name
// gave an anonymous answer, and [Server.Joined] only counts devices. Before
// anyone answers, the page says what the minutes will show: Ballot.Rule,
// or by default "Answers are recorded with your name: the minutes show who
// answered what", or for an anonymous ballot "Answers are anonymous: the
// minutes show only totals, and only counts when fewer than 3 answer;
// comments are kept verbatim without names". Counts ("6 of 8 answered")
// and tallies are the TUI's, from its journal state.
//
// Anyone who has the link can join, and on an anonymous ballot a person
// who clears their cookies can answer again as someone new: like a shared
// form without sign-in, anonymity and one-person-one-answer cannot both be
// enforced. Joined against the attendance shows when that happens.
//
// # The pages
//
// The pages need no JavaScript and load nothing but themselves (one HTML
// document with its style sheet inline): system fonts, large tap targets,
// light and dark by prefers-color-scheme, in the meeting's language (English
// or Japanese, one table of strings each). The waiting page and the page
// that shows what a device answered reload themselves every 5 seconds with
// a meta refresh, so the next question appears when the facilitator opens
// it; a form being filled in never reloads by itself, and has a link to
// check for the next question. A device can change its answers until the
// ballot closes.
//
// # Ways in
//
// [Server.URL] is http://host:port/j/<token>, which the QR code holds
// ([QR], [QRInverted]: half blocks, two modules a character, a quiet zone of
// four modules, error correction M, about 41×21 characters). For people on
// a call who type the address by hand, [Server.ShortURL] is
// http://host:port/<code>, with a 6-character code (Crockford's base32: no
// I, L, O or U; any case, dashes and spaces ignored) derived from the
// token; it redirects to the join link, and so does typing the code on the
// page at http://host:port/.
//
// # Security
//
//   - It listens only where the caller says: [DefaultAddr] is the machine's
//     primary private IPv4 address on an interface that is up, never every
//     interface, and Start refuses an empty or unspecified host. With no
//     such address DefaultAddr returns [ErrNoAddress], which says what to do.
//   - The token is 160 bits from crypto/rand, in the path, compared in
//     constant time. A wrong token, an unknown path and a Host header that
//     is not the server's own (DNS rebinding) get the same plain 404 page,
//     which shows nothing of the meeting; so does the root's code page.
//   - The short code is 30 bits: every client is rate limited, and after
//     300 wrong codes in all the code stops working for the meeting (the
//     link and the QR code still work).
//   - Every form carries a CSRF token bound to the device's signed voter
//     cookie, to the form and to the ballot; the cookies are HttpOnly,
//     SameSite=Strict, scoped to /j/<token>, and Secure over TLS. Cross-site
//     POSTs are refused besides (Sec-Fetch-Site and Origin, by
//     net/http.CrossOriginProtection).
//   - Forms are urlencoded and at most 16 KiB ([MaxBody], by
//     http.MaxBytesReader). Every value is cleaned by text.Line (escape
//     sequences, control and bidirectional characters removed, one line),
//     clipped ([MaxImpression], [MaxText] cells), and checked against the
//     ballot open now: a value that is not one of a question's options is
//     refused, and so is an answer to a ballot that has closed. One answer
//     per respondent and question: a second replaces the first, and an
//     unchanged one is not sent again.
//   - Each client address gets [DefaultBurst] requests at once and
//     [DefaultRate] a second after that, counted in memory only: addresses
//     are never stored, logged or shown, and are forgotten when idle.
//   - It serves only the forms: no metric data, no minutes, no files, no
//     directory listing. Every response has Cache-Control: no-store,
//     X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer,
//     X-Frame-Options: DENY and a Content-Security-Policy that allows no
//     script at all, only the page's own style sheet (by its hash) and
//     forms posted to the server itself.
//   - Read, write and idle timeouts and a header size limit bound what a
//     slow client can hold; what the server remembers (devices, answers,
//     the rate limit's clients) is bounded too. The HTTP server's own error
//     log is discarded unless Config.ErrorLog is set, because the TUI owns
//     the terminal.
//   - [Server.Shutdown] stops it when the meeting ends.
//   - Plain HTTP on a shared network: anyone on the same Wi-Fi who can
//     watch its traffic can read the link and the answers (named or not)
//     as they cross, and could answer in someone's name. On a network you
//     do not trust, give Config.CertFile and Config.KeyFile (a certificate
//     for the address people use) and the server speaks HTTPS only.
package join
